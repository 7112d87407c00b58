package dev.stage1kvm.aci;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.CRC32;

/**
 * Writes one gzip member (RFC 1952) whose deflate stream (RFC 1951) is compressed in independent blocks on a thread
 * pool. Each block is primed with the last {@link GzipBlock#DICTIONARY_BYTES} of the block before it and ends on a
 * byte boundary (a sync flush), so the blocks concatenate into a single valid stream. The output depends only on the
 * input, never on the number of threads or their timing. Blocks and their deflaters are reused, and at most
 * {@code maxBlocksInFlight} are queued or compressing, so memory stays bounded whatever the input size.
 *
 * <p>The caller owns the executor. {@link #close()} finishes the member and closes the target stream.
 */
public final class ParallelGzipOutputStream extends OutputStream {

    /** Input per block: large enough that the 5-byte flush marker and lost matches cost under 0.1%. */
    public static final int BLOCK_BYTES = GzipBlock.INPUT_BYTES;

    /**
     * RFC 1952 section 2.3: ID1 ID2, CM=8 (deflate), FLG=0 (no name, no comment), MTIME=0 (none, keeps the output
     * reproducible), XFL=0, OS=3 (Unix).
     */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};

    private final OutputStream target;
    private final ExecutorService executor;
    private final int maxBlocksInFlight;
    private final ArrayDeque<Future<GzipBlock>> inFlight = new ArrayDeque<>();
    private final ArrayDeque<GzipBlock> free = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private GzipBlock current;
    private long inputBytes;
    private boolean closed;

    /**
     * @param target where the gzip member goes
     * @param executor runs the block compressions; its thread count sets the speed, not the output
     * @param maxBlocksInFlight blocks queued or being compressed at once; memory is about
     *     {@code (maxBlocksInFlight + 1) * 300 KiB}
     */
    public ParallelGzipOutputStream(OutputStream target, ExecutorService executor, int maxBlocksInFlight)
            throws IOException {
        this.target = Objects.requireNonNull(target, "target");
        this.executor = Objects.requireNonNull(executor, "executor");
        if (maxBlocksInFlight < 1) {
            throw new IllegalArgumentException("maxBlocksInFlight must be at least 1, was " + maxBlocksInFlight);
        }
        this.maxBlocksInFlight = maxBlocksInFlight;
        this.current = takeBlock();
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
            if (current.isFull()) {
                submit(false);
            }
            int taken = current.append(data, offset, length);
            offset += taken;
            length -= taken;
        }
    }

    /** Compresses the last block, writes the trailer and closes the target. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            submit(true);
            while (!inFlight.isEmpty()) {
                writeOldestBlock();
            }
            target.write(trailer());
        } finally {
            closed = true;
            inFlight.forEach(future -> future.cancel(true));
            inFlight.clear();
            target.close();
            releaseDeflatersOfIdleBlocks();
        }
    }

    private void submit(boolean last) throws IOException {
        if (inFlight.size() >= maxBlocksInFlight) {
            writeOldestBlock();
        }
        GzipBlock block = current;
        current = last ? null : takeBlock();
        if (current != null) {
            current.primeFrom(block);
        }
        inFlight.addLast(executor.submit(() -> block.compress(last)));
    }

    private void writeOldestBlock() throws IOException {
        Future<GzipBlock> oldest = inFlight.removeFirst();
        try {
            GzipBlock block = oldest.get();
            block.writeOutput(target);
            free.addLast(block);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a gzip block");
        } catch (ExecutionException e) {
            throw new IOException("compressing a gzip block failed: " + e.getCause(), e.getCause());
        }
    }

    private GzipBlock takeBlock() {
        GzipBlock block = free.pollFirst();
        if (block == null) {
            block = new GzipBlock();
        }
        block.clear();
        return block;
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

    /**
     * Frees the native deflaters of blocks no task still holds. A cancelled task's deflater is left to its cleaner:
     * ending it here could race with the compression that still runs.
     */
    private void releaseDeflatersOfIdleBlocks() {
        free.forEach(GzipBlock::end);
        if (current != null) {
            current.end();
        }
        free.clear();
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("gzip stream already closed");
        }
    }
}
