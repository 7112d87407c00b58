package dev.stage1kvm.aci;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * One block of a {@link ParallelGzipOutputStream}: its input, the dictionary taken from the block before, its
 * compressed output and the deflater that makes it. Reused from block to block; touched by one thread at a time.
 */
final class GzipBlock {

    /** Input per block; see {@link ParallelGzipOutputStream#BLOCK_BYTES}. */
    static final int INPUT_BYTES = 128 * 1024;

    /** The deflate window (RFC 1951 section 2): matches reach back at most 32 KiB. */
    static final int DICTIONARY_BYTES = 32 * 1024;

    /** zlib's default level, the same as {@code gzip -6}. */
    static final int LEVEL = 6;

    /** Room for incompressible input: stored blocks add 5 bytes per 16 KiB, the sync flush 5 more. */
    private static final int OUTPUT_BYTES = INPUT_BYTES + INPUT_BYTES / 16 + 64;

    private final byte[] input = new byte[INPUT_BYTES];
    private final byte[] dictionary = new byte[DICTIONARY_BYTES];
    private final Deflater deflater = new Deflater(LEVEL, true);
    private byte[] output = new byte[OUTPUT_BYTES];
    private int inputLength;
    private int dictionaryLength;
    private int outputLength;

    void clear() {
        inputLength = 0;
        dictionaryLength = 0;
        outputLength = 0;
    }

    boolean isFull() {
        return inputLength == INPUT_BYTES;
    }

    /** Copies as much as fits and returns how much that was. */
    int append(byte[] data, int offset, int length) {
        int taken = Math.min(length, INPUT_BYTES - inputLength);
        System.arraycopy(data, offset, input, inputLength, taken);
        inputLength += taken;
        return taken;
    }

    /** Takes the last bytes of the block before as this block's dictionary. */
    void primeFrom(GzipBlock previous) {
        dictionaryLength = Math.min(DICTIONARY_BYTES, previous.inputLength);
        System.arraycopy(previous.input, previous.inputLength - dictionaryLength, dictionary, 0, dictionaryLength);
    }

    /** Compresses the input, ending on a byte boundary (sync flush) or, for the last block, with the final block. */
    GzipBlock compress(boolean last) {
        deflater.reset();
        if (dictionaryLength > 0) {
            deflater.setDictionary(dictionary, 0, dictionaryLength);
        }
        deflater.setInput(input, 0, inputLength);
        if (last) {
            deflater.finish();
        }
        int flush = last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH;
        while (true) {
            int produced = deflater.deflate(output, outputLength, output.length - outputLength, flush);
            outputLength += produced;
            boolean done = last ? deflater.finished() : outputLength < output.length;
            if (done) {
                return this;
            }
            output = Arrays.copyOf(output, output.length * 2);
        }
    }

    void writeOutput(OutputStream target) throws IOException {
        target.write(output, 0, outputLength);
    }

    void end() {
        deflater.end();
    }
}
