package dev.stage1kvm.aci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.HostTree;
import dev.stage1kvm.rootfs.StagedTree;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build stopped by a signal while it writes leaves neither a temporary file nor an image. */
class AciWriterSignalTest {

    @TempDir
    Path work;

    @Test
    void sigtermMidWriteLeavesNoTemporaryFile() throws Exception {
        Path input = Files.createDirectories(work.resolve("input"));
        writeRandomFile(input.resolve("big"), 256L * 1024 * 1024);
        Path out = Files.createDirectories(work.resolve("out"));
        Process writer = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        SlowWrite.class.getName(),
                        input.toString(),
                        out.resolve("stage1-kvm.aci").toString()))
                .inheritIO()
                .start();

        awaitPartialFile(out, writer);
        writer.destroy();

        assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left).isEmpty();
        }
    }

    private static void awaitPartialFile(Path out, Process writer) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline) && writer.isAlive()) {
            try (Stream<Path> files = Files.list(out)) {
                if (files.anyMatch(f -> f.getFileName().toString().endsWith(".partial"))) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the writer never started its temporary file");
    }

    private static void writeRandomFile(Path file, long sizeBytes) throws IOException {
        byte[] block = new byte[1024 * 1024];
        Random random = new Random(42);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < sizeBytes; written += block.length) {
                random.nextBytes(block);
                out.write(block);
            }
        }
    }

    /** Writes an xz image of a folder: slow enough to be stopped half-way. */
    public static final class SlowWrite {
        public static void main(String[] args) throws IOException {
            StagedTree tree = new StagedTree();
            HostTree.addFolder(Path.of(args[0]), "/", tree, "input");
            new AciWriter(BuildListener.SILENT)
                    .write(
                            Path.of(args[1]),
                            "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            tree,
                            Compression.XZ,
                            Instant.EPOCH);
        }
    }
}
