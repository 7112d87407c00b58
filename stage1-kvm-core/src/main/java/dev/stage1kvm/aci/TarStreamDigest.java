package dev.stage1kvm.aci;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Sits between the decompressor and the tar reader: counts the uncompressed bytes and digests every one of them,
 * including those the tar reader skips, so that the image ID covers the whole tar.
 */
final class TarStreamDigest extends FilterInputStream {

    private final MessageDigest sha512;
    private final byte[] skipBuffer = new byte[8192];
    private long position;

    TarStreamDigest(InputStream in) {
        super(in);
        try {
            sha512 = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-512", e);
        }
    }

    /** Uncompressed bytes read so far. */
    long position() {
        return position;
    }

    /** Reads to the end and returns the image ID of everything read. */
    String finishImageId() throws IOException {
        while (skip(Long.MAX_VALUE) > 0) {
            // skip() digests what it passes over
        }
        return "sha512-" + HexFormat.of().formatHex(sha512.digest());
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            sha512.update((byte) b);
            position++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = in.read(buffer, offset, length);
        if (read > 0) {
            sha512.update(buffer, offset, read);
            position += read;
        }
        return read;
    }

    @Override
    public long skip(long count) throws IOException {
        long skipped = 0;
        while (skipped < count) {
            int read = read(skipBuffer, 0, (int) Math.min(skipBuffer.length, count - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
