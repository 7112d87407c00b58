package dev.stage1kvm.zstd;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Reads zstd data (RFC 8878) through zstd-jni, whose native library is unpacked into a temporary folder and loaded
 * on first use. A library that does not load is reported as {@link ZstdUnavailableException}, which names the data
 * and the folder; damaged data fails while it is read, as an ordinary {@link IOException}.
 */
public final class ZstdStreams {

    /** RFC 8878 section 3.1.1: Magic_Number 0xFD2FB528, stored little-endian. */
    private static final byte[] MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};

    /** Bytes {@link #isZstd} needs to see. */
    public static final int MAGIC_BYTES = MAGIC.length;

    private ZstdStreams() {}

    /** Whether {@code head} starts with a zstd frame's magic number. */
    public static boolean isZstd(byte[] head) {
        if (head.length < MAGIC_BYTES) {
            return false;
        }
        for (int i = 0; i < MAGIC_BYTES; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The decompressed bytes of every frame in {@code in}, one after the other.
     *
     * @param where names the data in errors, e.g. {@code layer 1 of 2 (sha256:...)}
     * @throws ZstdUnavailableException when zstd-jni's native library does not load on this host
     */
    public static InputStream decompressing(InputStream in, String where) throws IOException {
        try {
            return new ZstdCompressorInputStream(in);
        } catch (LinkageError e) {
            throw new ZstdUnavailableException(where, e);
        }
    }

    /**
     * The decompressed bytes of the frame at the start of {@code data}, ignoring what follows it (a kernel appends
     * the uncompressed size after its zstd payload).
     *
     * @throws IOException when {@code data} does not start with a whole frame
     * @throws ZstdUnavailableException when zstd-jni's native library does not load on this host
     */
    public static InputStream firstFrame(byte[] data, String where) throws IOException {
        long frameBytes;
        try {
            frameBytes = Zstd.findFrameCompressedSize(data);
        } catch (LinkageError e) {
            throw new ZstdUnavailableException(where, e);
        } catch (ZstdException e) {
            throw new IOException(
                    where + ": no whole zstd frame in its " + data.length + " bytes (" + e.getMessage() + ")", e);
        }
        return decompressing(new ByteArrayInputStream(data, 0, (int) frameBytes), where);
    }
}
