package dev.stage1kvm.kernel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.compressors.lz4.BlockLZ4CompressorInputStream;

/**
 * Reads LZ4's legacy frame format, the one the kernel's {@code lz4 -l} writes for CONFIG_KERNEL_LZ4 (and which
 * commons-compress's framed reader does not know): a 4-byte little-endian magic {@code 0x184C2102}, then blocks, each a
 * 4-byte little-endian compressed size followed by an independent LZ4 block of at most 8 MiB uncompressed. The magic
 * may appear again between blocks (concatenated streams). The kernel appends the uncompressed size as 4 more bytes;
 * a size with no block bytes after it ends the stream. Blocks are decoded by commons-compress's block reader.
 */
final class LegacyLz4InputStream {

    /** The legacy frame magic number, from the LZ4 frame format description ("Legacy frame"). */
    static final int LEGACY_MAGIC = 0x184C2102;

    /** The largest compressed block: LZ4_compressBound(8 MiB). */
    static final int MAX_BLOCK_SIZE = 8 * 1024 * 1024 + 8 * 1024 * 1024 / 255 + 16;

    private LegacyLz4InputStream() {}

    /**
     * A stream of the uncompressed bytes.
     *
     * @param source names the data in error messages
     * @param baseOffset where {@code data} starts in the source file, for error offsets
     */
    static InputStream open(byte[] data, String source, long baseOffset) throws BzImageFormatException {
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() < 4 || in.getInt() != LEGACY_MAGIC) {
            throw new BzImageFormatException(source, baseOffset, "the LZ4 legacy magic 02 21 4c 18", "other bytes");
        }
        List<InputStream> blocks = new ArrayList<>();
        while (in.remaining() >= 4) {
            int sizeAt = in.position();
            int size = in.getInt();
            if (size == LEGACY_MAGIC || (size >= 0 && !in.hasRemaining())) {
                continue;
            }
            if (size < 0 || size > MAX_BLOCK_SIZE || size > in.remaining()) {
                throw new BzImageFormatException(
                        source,
                        baseOffset + sizeAt,
                        "an LZ4 block size of at most " + Math.min(MAX_BLOCK_SIZE, in.remaining()),
                        Integer.toUnsignedString(size));
            }
            blocks.add(block(data, in.position(), size));
            in.position(in.position() + size);
        }
        return new SequenceInputStream(Collections.enumeration(blocks));
    }

    private static InputStream block(byte[] data, int offset, int length) {
        return new InputStream() {
            private InputStream decoder;

            @Override
            public int read() throws IOException {
                return decoder().read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return decoder().read(b, off, len);
            }

            private InputStream decoder() throws IOException {
                if (decoder == null) {
                    decoder = new BlockLZ4CompressorInputStream(new ByteArrayInputStream(data, offset, length));
                }
                return decoder;
            }
        };
    }
}
