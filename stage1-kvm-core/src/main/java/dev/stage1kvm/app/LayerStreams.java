package dev.stage1kvm.app;

import dev.stage1kvm.zstd.ZstdStreams;
import dev.stage1kvm.zstd.ZstdUnavailableException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/** Layer blobs: their compression (by media type or magic bytes) and their SHA-256 digests. */
final class LayerStreams {

    /** OCI image spec 1.1, "Descriptors": only sha256 is in use, and its hex names the blob's file. */
    static final Pattern SHA256_DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    /** RFC 1952 section 2.3.1: ID1 ID2. */
    private static final int GZIP_ID1 = 0x1f;

    private static final int GZIP_ID2 = 0x8b;

    private static final int GZIP_ID_BYTES = 2;

    /** Bytes {@link #sniff} looks at: zstd's magic number, the longest it knows (gzip's ID1 ID2 are two). */
    private static final int SNIFF_BYTES = ZstdStreams.MAGIC_BYTES;

    /** Room to read a layer's blob in large chunks. */
    private static final int BUFFER_BYTES = 64 * 1024;

    private LayerStreams() {}

    /** Counts bytes through a SHA-256 digest; {@link #finish} reads to the end and returns {@code sha256:<hex>}. */
    static final class Digesting extends DigestInputStream {
        Digesting(InputStream in) {
            super(in, sha256());
        }

        String finish() throws IOException {
            transferTo(OutputStream.nullOutputStream());
            return "sha256:" + HexFormat.of().formatHex(getMessageDigest().digest());
        }
    }

    /** Read errors of a layer (corrupt compression, truncation) as {@link LayerException}s naming the layer. */
    static InputStream namingReadErrors(InputStream in, String where) {
        return new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                try {
                    return in.read(buffer, offset, length);
                } catch (LayerException e) {
                    throw e;
                } catch (IOException e) {
                    throw new LayerException(
                            where + " is unreadable (" + e.getMessage() + "); the image is"
                                    + " corrupt or truncated: save or pull it again",
                            e);
                }
            }
        };
    }

    /**
     * The uncompressed tar of a layer with the given OCI or Docker media type.
     *
     * @throws LayerException for a media type that is not a layer, or when zstd cannot be read on this host
     */
    static InputStream decompress(InputStream blob, String mediaType, String where) throws IOException {
        if (mediaType.endsWith("+zstd") || mediaType.endsWith(".zstd")) {
            return unzstd(blob, where);
        }
        if (mediaType.endsWith("+gzip") || mediaType.endsWith(".gzip")) {
            return gunzip(blob, where);
        }
        if (mediaType.endsWith(".tar") || mediaType.endsWith(".tar.gzip") || mediaType.isEmpty()) {
            return sniff(blob, where);
        }
        throw new LayerException(where + " has media type '" + mediaType + "', which is not an image layer;"
                + " expected application/vnd.oci.image.layer.v1.tar, +gzip, +zstd, or Docker's rootfs.diff.tar.gzip");
    }

    /** A tar that may be gzip- or zstd-compressed (Docker archives do not say): decided by its first bytes. */
    static InputStream sniff(InputStream blob, String where) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(blob, BUFFER_BYTES);
        buffered.mark(SNIFF_BYTES);
        byte[] head = buffered.readNBytes(SNIFF_BYTES);
        buffered.reset();
        if (isGzip(head)) {
            return gunzip(buffered, where);
        }
        return ZstdStreams.isZstd(head) ? unzstd(buffered, where) : buffered;
    }

    private static boolean isGzip(byte[] head) {
        return head.length >= GZIP_ID_BYTES
                && Byte.toUnsignedInt(head[0]) == GZIP_ID1
                && Byte.toUnsignedInt(head[1]) == GZIP_ID2;
    }

    private static InputStream unzstd(InputStream blob, String where) throws IOException {
        try {
            return ZstdStreams.decompressing(blob, where);
        } catch (ZstdUnavailableException e) {
            throw new LayerException(e.getMessage(), e);
        }
    }

    private static InputStream gunzip(InputStream blob, String where) throws LayerException {
        try {
            return new GZIPInputStream(blob, BUFFER_BYTES);
        } catch (IOException e) {
            throw new LayerException(
                    where + " is not readable gzip (" + e.getMessage() + "); the image is corrupt"
                            + " or truncated: save or pull it again",
                    e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
