package dev.stage1kvm.aci;

import java.util.HexFormat;
import java.util.Locale;

/**
 * The compressions an ACI may use (appc spec 0.8.11, "Image Archives"): gzip, bzip2, xz or none. rkt cannot open
 * zstd, so it is refused by name and by magic number.
 */
public enum Compression {
    GZIP,
    XZ,
    BZIP2,
    NONE;

    /** The compression used when the user names none: the one every appc tool reads. */
    public static final Compression DEFAULT = GZIP;

    private static final String EXPECTED = "expected one of gzip, xz, bzip2, none";

    /** RFC 1952 section 2.3.1: ID1 ID2. */
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};
    /** bzip2 stream header: "BZh". */
    private static final byte[] BZIP2_MAGIC = {0x42, 0x5a, 0x68};
    /** xz file format 1.0.4 section 2.1.1.1: 0xFD "7zXZ" 0x00. */
    private static final byte[] XZ_MAGIC = {(byte) 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00};
    /** RFC 8878 section 3.1.1: 0xFD2FB528 little-endian. */
    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
    /** POSIX ustar header: the "magic" field (6 bytes, "ustar" then NUL or space) starts at offset 257. */
    private static final int USTAR_MAGIC_OFFSET = 257;

    private static final byte[] USTAR_MAGIC = {'u', 's', 't', 'a', 'r'};

    /** Bytes {@link #detect} needs to see to recognise every format. */
    public static final int DETECT_BYTES = USTAR_MAGIC_OFFSET + USTAR_MAGIC.length;

    /**
     * Reads a compression name as a user writes it ({@code gzip}, {@code XZ}, ...).
     *
     * @throws UnsupportedCompressionException for zstd or any other name
     */
    public static Compression parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "gzip":
                return GZIP;
            case "xz":
                return XZ;
            case "bzip2":
                return BZIP2;
            case "none":
                return NONE;
            case "zstd":
                throw new UnsupportedCompressionException(
                        name, "compression 'zstd' is not allowed in an ACI: rkt cannot open zstd; " + EXPECTED);
            default:
                throw new UnsupportedCompressionException(name, "unknown compression '" + name + "': " + EXPECTED);
        }
    }

    /**
     * Recognises an archive by its first bytes, never by its file name.
     *
     * @param head at least the first {@link #DETECT_BYTES} bytes of the file, or all of it if it is shorter
     * @throws UnsupportedCompressionException when the bytes are zstd or no ACI format at all
     */
    public static Compression detect(byte[] head) {
        if (startsWith(head, 0, GZIP_MAGIC)) {
            return GZIP;
        }
        if (startsWith(head, 0, XZ_MAGIC)) {
            return XZ;
        }
        if (startsWith(head, 0, BZIP2_MAGIC)) {
            return BZIP2;
        }
        if (startsWith(head, USTAR_MAGIC_OFFSET, USTAR_MAGIC)) {
            return NONE;
        }
        String magic = HexFormat.of().formatHex(head, 0, Math.min(head.length, 6));
        if (startsWith(head, 0, ZSTD_MAGIC)) {
            throw new UnsupportedCompressionException(
                    magic, "zstd magic 28b52ffd found: rkt cannot open zstd; recompress with gzip, xz or bzip2");
        }
        throw new UnsupportedCompressionException(
                magic,
                "not an ACI: first bytes " + (magic.isEmpty() ? "(none)" : magic)
                        + " match no gzip (1f8b), xz (fd377a585a00) or bzip2 (425a68) magic and there is no tar"
                        + " 'ustar' magic at offset " + USTAR_MAGIC_OFFSET);
    }

    /** The name users write for this compression, as {@link #parse} accepts it. */
    public String userName() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(byte[] data, int offset, byte[] magic) {
        if (data.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (data[offset + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
