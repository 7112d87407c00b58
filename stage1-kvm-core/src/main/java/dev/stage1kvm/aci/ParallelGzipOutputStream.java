package dev.stage1kvm.aci;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes one gzip member (RFC 1952) whose deflate stream (RFC 1951) is compressed in independent blocks on a thread
 * pool. Each block is primed with the last {@link #DICTIONARY_BYTES} of the block before it and ends on a byte
 * boundary (a sync flush), so the blocks concatenate into a single valid stream. The output depends only on the
 * input, never on the number of threads or their timing. At most {@code maxBlocksInFlight} blocks are held in memory.
 *
 * <p>The caller owns the executor. {@link #close()} finishes the member and closes the target stream.
 */
public final class ParallelGzipOutputStream extends OutputStream {

    /** Input per block: large enough that the 5-byte flush marker and lost matches cost under 0.1%. */
    public static final int BLOCK_BYTES = 128 * 1024;

    /** The deflate window (RFC 1951 section 2): matches reach back at most 32 KiB. */
    static final int DICTIONARY_BYTES = 32 * 1024;

    /** zlib's default level, the same as {@code gzip -6}. */
    static final int LEVEL = 6;

    /**
     * RFC 1952 section 2.3: ID1 ID2, CM=8 (deflate), FLG=0 (no name, no comment), MTIME=0 (none, keeps the output
     * reproducible), XFL=0, OS=3 (Unix).
     */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};

    private final OutputStream target;
    private final ExecutorService executor;
    private final int maxBlocksInFlight;
    private final ArrayDeque<Future<byte[]>> inFlight = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private byte[] block = new byte[BLOCK_BYTES];
    private int blockLength;
    private byte[] dictionary;
    private long inputBytes;
    private boolean closed;

    /**
     * @param target where the gzip member goes
     * @param executor runs the block compressions; its thread count sets the speed, not the output
     * @param maxBlocksInFlight blocks queued or being compressed at once; bounds memory to about
     *     {@code 2 * maxBlocksInFlight * BLOCK_BYTES}
     */
    public ParallelGzipOutputStream(OutputStream target, ExecutorService executor, int maxBlocksInFlight)
            throws IOException {
        this.target = Objects.requireNonNull(target, "target");
        this.executor = Objects.requireNonNull(executor, "executor");
        if (maxBlocksInFlight < 1) {
            throw new IllegalArgumentException("maxBlocksInFlight must be at least 1, was " + maxBlocksInFlight);
        }
        this.maxBlocksInFlight = maxBlocksInFlight;
        target.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, data.length);
        ensureOpen();
        crc.update(data, offset, length);
        inputBytes += length;
        while (length > 0) {
            if (blockLength == BLOCK_BYTES) {
                submitBlock(false);
            }
            int chunk = Math.min(length, BLOCK_BYTES - blockLength);
            System.arraycopy(data, offset, block, blockLength, chunk);
            blockLength += chunk;
            offset += chunk;
            length -= chunk;
        }
    }

    /** Compresses the last block, writes the trailer and closes the target. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            submitBlock(true);
            while (!inFlight.isEmpty()) {
                writeOldestBlock();
            }
            target.write(trailer());
        } finally {
            closed = true;
            discardPending();
            target.close();
        }
    }

    private void submitBlock(boolean last) throws IOException {
        byte[] input = block;
        int length = blockLength;
        byte[] primer = dictionary;
        dictionary = Arrays.copyOfRange(input, Math.max(0, length - DICTIONARY_BYTES), length);
        if (inFlight.size() >= maxBlocksInFlight) {
            writeOldestBlock();
        }
        inFlight.addLast(executor.submit(() -> deflate(input, length, primer, last)));
        block = new byte[BLOCK_BYTES];
        blockLength = 0;
    }

    private void writeOldestBlock() throws IOException {
        Future<byte[]> oldest = inFlight.removeFirst();
        try {
            target.write(oldest.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a gzip block");
        } catch (ExecutionException e) {
            throw new IOException("compressing a gzip block failed: " + e.getCause(), e.getCause());
        }
    }

    private static byte[] deflate(byte[] input, int length, byte[] primer, boolean last) {
        Deflater deflater = new Deflater(LEVEL, true);
        try {
            if (primer != null && primer.length > 0) {
                deflater.setDictionary(primer);
            }
            deflater.setInput(input, 0, length);
            ByteArrayOutputStream out = new ByteArrayOutputStream(length / 2 + 64);
            byte[] buffer = new byte[64 * 1024];
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
                return out.toByteArray();
            }
            int produced;
            do {
                produced = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                out.write(buffer, 0, produced);
            } while (produced == buffer.length);
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** RFC 1952 section 2.3.1: CRC32 then ISIZE (input size modulo 2^32), both little-endian. */
    private byte[] trailer() {
        long crcValue = crc.getValue();
        byte[] trailer = new byte[8];
        for (int i = 0; i < 4; i++) {
            trailer[i] = (byte) (crcValue >>> (8 * i));
            trailer[4 + i] = (byte) (inputBytes >>> (8 * i));
        }
        return trailer;
    }

    private void discardPending() {
        inFlight.forEach(future -> future.cancel(true));
        inFlight.clear();
        block = null;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("gzip stream already closed");
        }
    }
}
