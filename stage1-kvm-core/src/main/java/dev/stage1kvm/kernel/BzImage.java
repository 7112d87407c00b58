package dev.stage1kvm.kernel;

import dev.stage1kvm.zstd.ZstdStreams;
import dev.stage1kvm.zstd.ZstdUnavailableException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.SingleXZInputStream;

/**
 * An x86 bzImage read through its real-mode setup header, as laid out by the Linux/x86 boot protocol
 * (Documentation/x86/boot.rst, "The Real-Mode Kernel Header"): the kernel version string, and the kernel's own
 * {@code .config} when it was built with CONFIG_IKCONFIG. The config sits inside the compressed payload (the vmlinux),
 * between the markers {@code IKCFG_ST} and {@code IKCFG_ED}, gzip-compressed (kernel/configs.c). Payloads compressed
 * with gzip, bzip2, LZMA, XZ, LZ4 (legacy frames) and zstd are read; LZO payloads are not (no decoder among the
 * project's libraries), for those {@link #embeddedConfig()} fails naming the format.
 */
public final class BzImage {

    // boot.rst, "The Real-Mode Kernel Header": offsets from the start of the file.
    static final int SETUP_SECTS = 0x1f1;
    static final int BOOT_FLAG = 0x1fe;
    static final int BOOT_FLAG_VALUE = 0xAA55;
    static final int HEADER = 0x202;
    static final byte[] HEADER_MAGIC = "HdrS".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 0x206;
    static final int KERNEL_VERSION = 0x20e;
    static final int PAYLOAD_OFFSET = 0x248;
    static final int PAYLOAD_LENGTH = 0x24c;
    /** kernel_version and payload_offset count from the end of the boot sector, 0x200 bytes in. */
    static final int SECTOR_SIZE = 0x200;
    /** setup_sects of 0 means 4, for compatibility with old boot loaders (boot.rst, "setup_sects"). */
    static final int DEFAULT_SETUP_SECTS = 4;
    /** Protocol 2.08 added payload_offset and payload_length. */
    static final int PROTOCOL_WITH_PAYLOAD = 0x0208;
    /** The longest version string read; the real one is about 100 bytes. */
    static final int MAX_VERSION_LENGTH = 512;

    // kernel/configs.c: the gzip-compressed .config sits between these markers.
    static final byte[] IKCONFIG_START = "IKCFG_ST".getBytes(StandardCharsets.US_ASCII);

    private final String file;
    private final byte[] data;
    private final ByteBuffer header;

    private BzImage(String file, byte[] data) {
        this.file = file;
        this.data = data;
        this.header = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Reads a bzImage and checks its boot header. */
    public static BzImage read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /**
     * Checks the boot header of a bzImage held in memory.
     *
     * @param source names the file or package member in errors
     */
    public static BzImage parse(byte[] data, String source) throws BzImageFormatException {
        BzImage image = new BzImage(source, data);
        image.checkHeader();
        return image;
    }

    private void checkHeader() throws BzImageFormatException {
        require(PAYLOAD_LENGTH + 4, "a boot sector and setup header");
        if (!Arrays.equals(Arrays.copyOfRange(data, HEADER, HEADER + 4), HEADER_MAGIC)) {
            throw new BzImageFormatException(
                    file,
                    HEADER,
                    "the boot header magic \"HdrS\"",
                    "\"" + new String(data, HEADER, 4, StandardCharsets.ISO_8859_1) + "\"");
        }
        int bootFlag = Short.toUnsignedInt(header.getShort(BOOT_FLAG));
        if (bootFlag != BOOT_FLAG_VALUE) {
            throw new BzImageFormatException(file, BOOT_FLAG, "boot_flag 0xaa55", "0x" + Integer.toHexString(bootFlag));
        }
    }

    /** The boot protocol version, for example 0x020f for 2.15. */
    public int protocolVersion() {
        return Short.toUnsignedInt(header.getShort(VERSION));
    }

    /** The whole version string, for example {@code 6.1.192 (stage1-kvm@stage1-kvm) #1 SMP ...}. */
    public String versionString() throws BzImageFormatException {
        int pointer = Short.toUnsignedInt(header.getShort(KERNEL_VERSION));
        int start = pointer + SECTOR_SIZE;
        if (pointer == 0 || start >= data.length) {
            throw new BzImageFormatException(
                    file,
                    KERNEL_VERSION,
                    "a kernel_version pointer inside the file",
                    "0x" + Integer.toHexString(pointer));
        }
        int end = start;
        while (end < data.length && end - start < MAX_VERSION_LENGTH && data[end] != 0) {
            end++;
        }
        return new String(data, start, end - start, StandardCharsets.US_ASCII);
    }

    /** The kernel release, the first word of the version string ({@code uname -r}), for example {@code 6.1.192}. */
    public String kernelRelease() throws BzImageFormatException {
        return versionString().split(" ", 2)[0];
    }

    /** How the payload (the vmlinux) is compressed. */
    public PayloadFormat payloadFormat() throws BzImageFormatException {
        int start = payloadStart();
        return PayloadFormat.detect(Arrays.copyOfRange(data, start, Math.min(data.length, start + 8)));
    }

    /**
     * The config built into the kernel.
     *
     * @return empty when the kernel was built without CONFIG_IKCONFIG=y (the payload has no IKCFG_ST marker)
     * @throws BzImageFormatException when the payload cannot be decompressed or its format is not supported
     * @throws dev.stage1kvm.zstd.ZstdUnavailableException for a zstd payload when zstd's native library does not load
     */
    public Optional<KernelConfig> embeddedConfig() throws IOException {
        int start = payloadStart();
        try (InputStream vmlinux = new BufferedInputStream(decompressed(start), 1 << 16)) {
            if (!skipPast(vmlinux, IKCONFIG_START)) {
                return Optional.empty();
            }
            String text = new String(new GZIPInputStream(vmlinux).readAllBytes(), StandardCharsets.UTF_8);
            return Optional.of(KernelConfig.parse(text, file + " (embedded config)"));
        }
    }

    private InputStream decompressed(int start) throws IOException {
        byte[] payload = Arrays.copyOfRange(data, start, start + payloadLength());
        PayloadFormat format = PayloadFormat.detect(payload);
        InputStream in = new ByteArrayInputStream(payload);
        try {
            return switch (format) {
                case GZIP -> new GZIPInputStream(in);
                case XZ -> new SingleXZInputStream(in);
                case LZ4 -> LegacyLz4InputStream.open(payload, file, start);
                case BZIP2 -> new BZip2CompressorInputStream(in);
                case LZMA -> new LZMAInputStream(in);
                case ZSTD ->
                    ZstdStreams.firstFrame(payload, file + " payload at offset 0x" + Integer.toHexString(start));
                case UNCOMPRESSED -> in;
                case LZO, UNKNOWN ->
                    throw new BzImageFormatException(
                            file,
                            start,
                            "a gzip, xz, lz4, bzip2, lzma or zstd payload to read the embedded config from",
                            format.name());
            };
        } catch (BzImageFormatException | ZstdUnavailableException e) {
            throw e;
        } catch (IOException e) {
            throw new BzImageFormatException(file, start, "cannot decompress the " + format + " payload", e);
        }
    }

    private int payloadStart() throws BzImageFormatException {
        if (protocolVersion() < PROTOCOL_WITH_PAYLOAD) {
            throw new BzImageFormatException(
                    file,
                    VERSION,
                    "boot protocol 2.08 or later (payload fields)",
                    Integer.toHexString(protocolVersion()));
        }
        int setupSects = Byte.toUnsignedInt(data[SETUP_SECTS]);
        long start = (long) ((setupSects == 0 ? DEFAULT_SETUP_SECTS : setupSects) + 1) * SECTOR_SIZE
                + Integer.toUnsignedLong(header.getInt(PAYLOAD_OFFSET));
        if (start + payloadLength() > data.length) {
            throw new BzImageFormatException(
                    file,
                    PAYLOAD_OFFSET,
                    "a payload inside the file's " + data.length + " bytes",
                    "payload from " + start + " for " + payloadLength() + " bytes");
        }
        return (int) start;
    }

    private int payloadLength() {
        return header.getInt(PAYLOAD_LENGTH);
    }

    private void require(int length, String what) throws BzImageFormatException {
        if (data.length < length) {
            throw new BzImageFormatException(file, 0, what + " (" + length + " bytes)", data.length + " bytes");
        }
    }

    /** Reads until just after the marker; false at end of stream. The marker has no repeated prefix. */
    private static boolean skipPast(InputStream in, byte[] marker) throws IOException {
        int matched = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == Byte.toUnsignedInt(marker[matched])) {
                matched++;
                if (matched == marker.length) {
                    return true;
                }
            } else {
                matched = b == Byte.toUnsignedInt(marker[0]) ? 1 : 0;
            }
        }
        return false;
    }

    /** Payload compressions, told apart by their leading magic bytes. */
    public enum PayloadFormat {
        GZIP(0x1f, 0x8b),
        XZ(0xfd, '7', 'z', 'X', 'Z', 0x00),
        LZ4(0x02, 0x21, 0x4c, 0x18),
        BZIP2('B', 'Z', 'h'),
        LZMA(0x5d, 0x00, 0x00),
        ZSTD(0x28, 0xb5, 0x2f, 0xfd),
        LZO(0x89, 'L', 'Z', 'O'),
        UNCOMPRESSED(0x7f, 'E', 'L', 'F'),
        UNKNOWN();

        private final int[] magic;

        PayloadFormat(int... magic) {
            this.magic = magic;
        }

        static PayloadFormat detect(byte[] start) {
            for (PayloadFormat format : values()) {
                if (format.magic.length > 0 && matches(start, format.magic)) {
                    return format;
                }
            }
            return UNKNOWN;
        }

        private static boolean matches(byte[] start, int[] magic) {
            if (start.length < magic.length) {
                return false;
            }
            for (int i = 0; i < magic.length; i++) {
                if (Byte.toUnsignedInt(start[i]) != magic[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
