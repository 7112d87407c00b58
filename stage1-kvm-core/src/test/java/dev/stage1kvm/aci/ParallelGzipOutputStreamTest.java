package dev.stage1kvm.aci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelGzipOutputStreamTest {

    private static final int BLOCK = ParallelGzipOutputStream.BLOCK_BYTES;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} input bytes: 1 thread and 4 threads give the same bytes")
    @ValueSource(ints = {0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 5 * BLOCK + 4321})
    void outputDoesNotDependOnThreadCount(int size) throws Exception {
        byte[] input = sample(size);

        assertThat(compress(input, 1, 1)).isEqualTo(compress(input, 4, 16));
    }

    @ParameterizedTest(name = "{0} input bytes decompress with GZIPInputStream")
    @ValueSource(ints = {0, 1, BLOCK, 5 * BLOCK + 4321})
    void javaGzipReadsIt(int size) throws Exception {
        byte[] input = sample(size);

        byte[] back = new GZIPInputStream(new ByteArrayInputStream(compress(input, 2, 4))).readAllBytes();

        assertThat(back).isEqualTo(input);
    }

    @ParameterizedTest(name = "{0} input bytes decompress with gzip -d, CRC and length checked")
    @ValueSource(ints = {0, 1, BLOCK, 5 * BLOCK + 4321})
    void systemGzipReadsIt(int size) throws Exception {
        byte[] input = sample(size);
        Path gz = dir.resolve("sample.gz");
        Files.write(gz, compress(input, 2, 4));

        Process gzip = new ProcessBuilder("gzip", "-d", gz.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(gzip.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(gzip.waitFor()).as("gzip -d exit status; output: %s", output).isZero();
        assertThat(Files.readAllBytes(dir.resolve("sample"))).isEqualTo(input);
    }

    @Test
    void dictionaryKeepsTheRatioCloseToASingleStream() throws Exception {
        byte[] input = sample(8 * BLOCK);
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(single)) {
            gzip.write(input);
        }

        assertThat(compress(input, 2, 4).length).isLessThan(input.length / 2).isLessThan(single.size() * 101 / 100);
    }

    @Test
    void incompressibleInputRoundTrips() throws Exception {
        byte[] input = new byte[3 * BLOCK + 17];
        new Random(3).nextBytes(input);

        byte[] back = new GZIPInputStream(new ByteArrayInputStream(compress(input, 2, 2))).readAllBytes();

        assertThat(back).isEqualTo(input);
    }

    @Test
    void writingAfterCloseFails() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(new ByteArrayOutputStream(), pool, 1);
            gzip.close();

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> gzip.write(1))
                    .isInstanceOf(IOException.class)
                    .hasMessage("gzip stream already closed");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void headerIsFixedSoTheOutputIsReproducible() throws Exception {
        byte[] gz = compress(new byte[0], 1, 1);

        assertThat(java.util.Arrays.copyOf(gz, 10)).containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3);
    }

    private static byte[] compress(byte[] input, int threads, int inFlight) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(out, pool, inFlight)) {
                Random random = new Random(7);
                int offset = 0;
                while (offset < input.length) {
                    int chunk = Math.min(input.length - offset, 1 + random.nextInt(70_000));
                    gzip.write(input, offset, chunk);
                    offset += chunk;
                }
            }
            return out.toByteArray();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Text-like runs mixed with random bytes, so that blocks both compress and refer back across boundaries. */
    private static byte[] sample(int size) {
        Random random = new Random(size);
        byte[] data = new byte[size];
        String[] words = {"rootfs/usr/lib/", "systemd", "kernel_image", "qemu-system-x86_64", "\n", "0755 root root "};
        int i = 0;
        while (i < size) {
            if (random.nextInt(10) == 0) {
                data[i++] = (byte) random.nextInt(256);
            } else {
                byte[] word = words[random.nextInt(words.length)].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                for (int j = 0; j < word.length && i < size; j++) {
                    data[i++] = word[j];
                }
            }
        }
        return data;
    }
}
