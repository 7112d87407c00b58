package dev.stage1kvm.aci;

import static dev.stage1kvm.aci.SampleTrees.MANIFEST;
import static dev.stage1kvm.aci.SampleTrees.MTIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AciWriterFailureTest {

    private static final byte[] OLD_IMAGE = "previous image".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private Path hostDir;
    private Path outDir;
    private Path target;

    @BeforeEach
    void setUp() throws IOException {
        hostDir = Files.createDirectory(dir.resolve("host"));
        outDir = Files.createDirectory(dir.resolve("out"));
        target = outDir.resolve("image.aci");
        Files.write(target, OLD_IMAGE);
    }

    @ParameterizedTest(name = "{0}: a host file that vanishes mid-way leaves the old target and no temp file")
    @EnumSource(Compression.class)
    void hostFileVanishingMidWay(Compression compression) throws Exception {
        StagedTree tree = bigTree();
        AciWriter writer = writerThat(onDebug("rootfs/a/file-3", () -> delete(hostDir.resolve("file-7"))));

        assertThatThrownBy(() -> writer.write(target, MANIFEST, tree, compression, MTIME))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("file-7");

        assertOnlyTheOldImageIsLeft();
    }

    @ParameterizedTest(name = "{0}: a host file that changes size fails naming the file")
    @EnumSource(Compression.class)
    void hostFileChangingSize(Compression compression) throws Exception {
        StagedTree tree = bigTree();
        Path changed = hostDir.resolve("file-5");
        AciWriter writer = writerThat(onDebug("rootfs/a/file-2", () -> append(changed)));

        assertThatThrownBy(() -> writer.write(target, MANIFEST, tree, compression, MTIME))
                .isInstanceOfSatisfying(HostFileChangedException.class, e -> {
                    assertThat(e.pathOnHost()).isEqualTo(changed);
                    assertThat(e.stagedSizeBytes()).isEqualTo(200_000);
                    assertThat(e.actualSizeBytes()).isEqualTo(200_001);
                })
                .hasMessageContaining("host file " + changed + " (rootfs/a/file-5) was staged with 200000 bytes but"
                        + " had 200001 bytes");

        assertOnlyTheOldImageIsLeft();
    }

    @ParameterizedTest(name = "{0}: a thread interrupt mid-way leaves the old target and no temp file")
    @EnumSource(Compression.class)
    void interruptMidWay(Compression compression) throws Exception {
        StagedTree tree = bigTree();
        AciWriter writer = writerThat(
                onDebug("rootfs/a/file-4", () -> Thread.currentThread().interrupt()));

        try {
            assertThatThrownBy(() -> writer.write(target, MANIFEST, tree, compression, MTIME))
                    .isInstanceOfAny(InterruptedIOException.class, ClosedByInterruptException.class);
        } finally {
            Thread.interrupted();
        }

        assertOnlyTheOldImageIsLeft();
    }

    @Test
    void bytesContentWithAWrongSizeIsRefused() throws Exception {
        StagedTree tree = new StagedTree();
        tree.put("etc/hostname", new StagedEntry.RegularFile(new StagedEntry.Bytes(new byte[3]), 4, 0644));

        assertThatThrownBy(() ->
                        new AciWriter(BuildListener.SILENT).write(target, MANIFEST, tree, Compression.GZIP, MTIME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rootfs/etc/hostname is staged with 4 bytes but its content holds 3");

        assertOnlyTheOldImageIsLeft();
    }

    @Test
    void hardLinkToAMissingFileIsRefusedBeforeAnythingIsWritten() throws Exception {
        StagedTree tree = new StagedTree();
        tree.put("lib/alias", new StagedEntry.HardLink("lib/missing"));

        assertThatThrownBy(() ->
                        new AciWriter(BuildListener.SILENT).write(target, MANIFEST, tree, Compression.GZIP, MTIME))
                .isInstanceOfSatisfying(
                        BrokenHardLinkException.class,
                        e -> assertThat(e.linkPath()).isEqualTo("lib/alias"))
                .hasMessageContaining(
                        "hard link rootfs/lib/alias -> rootfs/lib/missing: the target is not in the" + " rootfs");

        assertOnlyTheOldImageIsLeft();
    }

    @Test
    void timeBeforeTheEpochIsRefused() {
        assertThatThrownBy(() -> new AciWriter(BuildListener.SILENT)
                        .write(
                                target,
                                MANIFEST,
                                new StagedTree(),
                                Compression.NONE,
                                Instant.parse("1969-12-31T23:59:59Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry time 1969-12-31T23:59:59Z does not fit a tar header");
    }

    /** Ten host files of 200 kB each: several gzip blocks are in flight when the trouble starts. */
    private StagedTree bigTree() throws IOException {
        StagedTree tree = new StagedTree();
        for (int i = 0; i < 10; i++) {
            tree.put("a/file-" + i, SampleTrees.hostFile(hostDir, "file-" + i, 200_000, 0644));
        }
        return tree;
    }

    private static AciWriter writerThat(Consumer<String> onDebug) {
        return new AciWriter(
                new BuildListener() {
                    @Override
                    public void info(String message) {}

                    @Override
                    public void debug(String message) {
                        onDebug.accept(message.trim());
                    }

                    @Override
                    public void warn(String message) {}
                },
                2);
    }

    private static Consumer<String> onDebug(String line, Runnable action) {
        return message -> {
            if (message.equals(line)) {
                action.run();
            }
        };
    }

    private void assertOnlyTheOldImageIsLeft() throws Exception {
        assertThat(AciWriterTest.listing(outDir)).containsExactly(target);
        assertThat(Files.readAllBytes(target)).isEqualTo(OLD_IMAGE);
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void append(Path file) {
        try {
            Files.write(file, new byte[1], java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
