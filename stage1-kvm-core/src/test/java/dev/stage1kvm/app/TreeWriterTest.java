package dev.stage1kvm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How layers replace what lower layers wrote. */
class TreeWriterTest {

    @TempDir
    Path temp;

    private TreeWriter writer() throws Exception {
        return new TreeWriter(Files.createDirectories(temp.resolve("rootfs")), false);
    }

    private static void apply(TreeWriter writer, TestImages.Tar layer, String name) throws Exception {
        writer.apply(new ByteArrayInputStream(layer.bytes()), name);
    }

    @Test
    void upperLayerReplacesAFileWithAFolderAndAFolderWithAFileOrSymlink() throws Exception {
        TreeWriter writer = writer();
        apply(
                writer,
                new TestImages.Tar()
                        .file("x", "file")
                        .dir("d/")
                        .file("d/inner", "i")
                        .dir("s/"),
                "layer 1");
        apply(
                writer,
                new TestImages.Tar()
                        .dir("x/")
                        .file("x/now", "n")
                        .file("d", "now a file")
                        .symlink("s", "x"),
                "layer 2");
        writer.finish();

        Path rootfs = temp.resolve("rootfs");
        assertThat(rootfs.resolve("x/now")).hasContent("n");
        assertThat(rootfs.resolve("d")).isRegularFile().hasContent("now a file");
        assertThat(Files.readSymbolicLink(rootfs.resolve("s")).toString()).isEqualTo("x");
    }

    @Test
    void readOnlyFoldersGetTheirModeAfterTheirChildrenAreWritten() throws Exception {
        TreeWriter writer = writer();
        TestImages.Tar layer = new TestImages.Tar().dir("ro/", 0555).file("ro/a", "a");
        apply(writer, layer, "layer 1");
        apply(writer, new TestImages.Tar().file("ro/b", "b"), "layer 2");
        writer.finish();

        assertThat(temp.resolve("rootfs/ro/b")).hasContent("b");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("rootfs/ro"))))
                .isEqualTo("r-xr-xr-x");
    }

    @Test
    void deviceNodesAreLeftOutAndCounted() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry device = new TarArchiveEntry("null", TarConstants.LF_CHR);
            device.setDevMajor(1);
            device.setDevMinor(3);
            tar.putArchiveEntry(device);
            tar.closeArchiveEntry();
            TarArchiveEntry fifo = new TarArchiveEntry("pipe", TarConstants.LF_FIFO);
            tar.putArchiveEntry(fifo);
            tar.closeArchiveEntry();
        }
        TreeWriter writer = writer();

        writer.apply(new ByteArrayInputStream(bytes.toByteArray()), "layer 1");

        assertThat(writer.skippedSpecialFiles()).isEqualTo(2);
        assertThat(Files.exists(temp.resolve("rootfs/null"), LinkOption.NOFOLLOW_LINKS))
                .isFalse();
    }

    @Test
    void whiteoutOfAFolderRemovesItsWholeTreeAndOfAMissingNameDoesNothing() throws Exception {
        TreeWriter writer = writer();
        apply(writer, new TestImages.Tar().dir("a/").dir("a/b/").file("a/b/c", "c"), "layer 1");
        apply(
                writer,
                new TestImages.Tar()
                        .file(".wh.a", "")
                        .file(".wh.never-there", "")
                        .dir("gone/")
                        .file("gone/.wh.x", ""),
                "layer 2");

        assertThat(temp.resolve("rootfs/a")).doesNotExist();
        assertThat(temp.resolve("rootfs/gone")).isEmptyDirectory();
    }

    @Test
    void tarNamesWithDotSlashAndTrailingSlashesAreTheSamePaths() throws Exception {
        TreeWriter writer = writer();
        apply(
                writer,
                new TestImages.Tar()
                        .dir("./")
                        .dir("./etc/")
                        .file("./etc/hosts", "h")
                        .file("./etc//x", "x"),
                "layer 1");

        assertThat(temp.resolve("rootfs/etc/hosts")).hasContent("h");
        assertThat(temp.resolve("rootfs/etc/x")).hasContent("x");
    }
}
