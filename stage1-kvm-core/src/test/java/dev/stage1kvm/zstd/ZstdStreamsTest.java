package dev.stage1kvm.zstd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;

class ZstdStreamsTest {

    private static final byte[] TEXT = "a zstd frame's content\n".repeat(1000).getBytes(StandardCharsets.UTF_8);

    /** What a kernel appends to its zstd payload: the uncompressed size, 4 bytes little-endian. */
    private static final byte[] SIZE_TRAILER = {0x58, 0x59, 0x00, 0x00};

    @Test
    void decompressingReadsWhatZstdWrote() throws IOException {
        try (InputStream in = ZstdStreams.decompressing(new ByteArrayInputStream(zstd(TEXT)), "test data")) {
            assertThat(in.readAllBytes()).isEqualTo(TEXT);
        }
    }

    @Test
    void firstFrameStopsWhereTheFrameEnds() throws IOException {
        byte[] frame = zstd(TEXT);
        byte[] withTrailer = Arrays.copyOf(frame, frame.length + SIZE_TRAILER.length);
        System.arraycopy(SIZE_TRAILER, 0, withTrailer, frame.length, SIZE_TRAILER.length);

        try (InputStream in = ZstdStreams.firstFrame(withTrailer, "payload")) {
            assertThat(in.readAllBytes()).isEqualTo(TEXT);
        }
    }

    @Test
    void firstFrameOfATruncatedFrameNamesTheData() throws IOException {
        byte[] frame = zstd(TEXT);

        assertThatThrownBy(() -> ZstdStreams.firstFrame(Arrays.copyOf(frame, frame.length / 2), "bzImage payload"))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(ZstdUnavailableException.class)
                .hasMessageStartingWith("bzImage payload: no whole zstd frame in its " + frame.length / 2 + " bytes");
    }

    @Test
    void theMagicNumberIsRecognisedAndNothingShorterIs() throws IOException {
        byte[] frame = zstd(TEXT);

        assertThat(ZstdStreams.isZstd(frame)).isTrue();
        assertThat(ZstdStreams.isZstd(Arrays.copyOf(frame, ZstdStreams.MAGIC_BYTES - 1)))
                .isFalse();
        assertThat(ZstdStreams.isZstd(new byte[] {0x1f, (byte) 0x8b, 8, 0})).isFalse();
    }

    @Test
    void aLibraryThatDoesNotLoadIsExplainedWithItsFolderAndTheProperty() {
        ZstdUnavailableException e = new ZstdUnavailableException(
                "x.deb member data.tar.zst", new UnsatisfiedLinkError("failed to map segment from shared object"));

        assertThat(e)
                .hasMessageStartingWith(
                        "x.deb member data.tar.zst: cannot be decompressed, because zstd's native library")
                .hasMessageContaining("failed to map segment from shared object")
                .hasMessageContaining("java.io.tmpdir (" + System.getProperty("java.io.tmpdir") + ")")
                .hasMessageContaining("unless the system property ZstdTempFolder names another folder")
                .hasCauseInstanceOf(UnsatisfiedLinkError.class);
    }

    private static byte[] zstd(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new ZstdCompressorOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
