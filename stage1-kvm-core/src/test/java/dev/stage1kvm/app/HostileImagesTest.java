package dev.stage1kvm.app;

import static dev.stage1kvm.app.TestImages.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stage1kvm.progress.BuildListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Layers that try to write outside the rootfs, and images that are corrupt: refused by name, nothing left behind. */
class HostileImagesTest {

    @TempDir
    Path temp;

    /** RFC 8878 section 3.1.1.1: the Frame_Header_Descriptor follows the 4-byte magic number. */
    private static final int ZSTD_FRAME_HEADER_DESCRIPTOR = 4;

    /** RFC 8878 section 3.1.1.1.1.4: the descriptor's bit 3 is reserved and must be zero. */
    private static final byte ZSTD_RESERVED_BIT = 0x08;

    private final AppUnpacker unpacker = new AppUnpacker(BuildListener.SILENT);

    static Stream<Arguments> hostileLayers() {
        return Stream.of(
                Arguments.of("dot-dot entry", new TestImages.Tar().file("../outside", "x"), "has a '..' part"),
                Arguments.of(
                        "dot-dot deep in the name",
                        new TestImages.Tar().dir("a/").file("a/../../outside", "x"),
                        "has a '..' part"),
                Arguments.of("absolute path", new TestImages.Tar().file("/tmp/outside", "x"), "has an absolute path"),
                Arguments.of(
                        "file through a symlink to a host folder",
                        new TestImages.Tar().symlink("escape", "HOST").file("escape/outside", "x"),
                        "lies under 'escape', which is a symlink"),
                Arguments.of(
                        "file through a relative symlink climbing out",
                        new TestImages.Tar().symlink("up", "../../../../HOST").file("up/outside", "x"),
                        "lies under 'up', which is a symlink"),
                Arguments.of(
                        "hard link to a host file",
                        new TestImages.Tar().hardlink("stolen", "../../../HOST/secret"),
                        "has a '..' part"),
                Arguments.of(
                        "hard link through a symlink",
                        new TestImages.Tar().symlink("escape", "HOST").hardlink("stolen", "escape/secret"),
                        "lies under 'escape', which is a symlink"),
                Arguments.of(
                        "hard link to a symlink",
                        new TestImages.Tar().symlink("link", "HOST/secret").hardlink("stolen", "link"),
                        "not a regular file inside the image"),
                Arguments.of(
                        "whiteout through a symlink",
                        new TestImages.Tar().symlink("escape", "HOST").file("escape/.wh.secret", ""),
                        "lies under 'escape', which is a symlink"),
                Arguments.of(
                        "whiteout naming a parent",
                        new TestImages.Tar().dir("a/").file("a/.wh...", ""),
                        "has a '..' part"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileLayers")
    void ociLayerThatWouldLeaveTheRootfsIsRefused(String name, TestImages.Tar layer, String expected) throws Exception {
        Path host = Files.createDirectories(temp.resolve("host"));
        Files.writeString(host.resolve("secret"), "do not touch");
        byte[] tar = withHostPath(layer.bytes(), host);
        Path layout = TestImages.ociLayout(temp.resolve("oci"), config(tar), List.of(tar));

        Throwable thrown = catchThrowable(() -> unpacker.unpack(layout, temp.resolve("pod/apps/x")));

        assertThat(thrown)
                .isInstanceOf(AppImageException.class)
                .hasMessageStartingWith(layout + ": layer 1 of 1 (sha256:")
                .hasMessageContaining(expected);
        assertThat(host)
                .isDirectoryContaining(p -> p.endsWith("secret"))
                .satisfies(h -> assertThat(Files.list(h).count()).isEqualTo(1));
        assertThat(host.resolve("secret")).hasContent("do not touch");
        assertThat(temp.resolve("outside")).doesNotExist();
        assertThat(temp.resolve("pod/apps/x")).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileLayers")
    void dockerSaveLayerThatWouldLeaveTheRootfsIsRefused(String name, TestImages.Tar layer, String expected)
            throws Exception {
        Path host = Files.createDirectories(temp.resolve("host"));
        Files.writeString(host.resolve("secret"), "do not touch");
        byte[] tar = withHostPath(layer.bytes(), host);
        Path tarball = TestImages.dockerSave(temp.resolve("image.tar"), config(tar), List.of(tar));

        Throwable thrown = catchThrowable(() -> unpacker.unpack(tarball, temp.resolve("pod/apps/x")));

        assertThat(thrown).isInstanceOf(AppImageException.class).hasMessageContaining(expected);
        assertThat(host.resolve("secret")).hasContent("do not touch");
        assertThat(Files.list(host).count()).isEqualTo(1);
        assertThat(temp.resolve("pod/apps/x")).doesNotExist();
    }

    @Test
    void aciThatWritesThroughItsOwnSymlinkIsRefused() throws Exception {
        Path host = Files.createDirectories(temp.resolve("host"));
        Path aci = TestImages.aci(
                temp.resolve("bad.aci"),
                "{\"exec\":[\"/x\"],\"user\":\"0\",\"group\":\"0\"}",
                new TestImages.Tar().symlink("escape", host.toString()).file("escape/outside", "x"));

        Throwable thrown = catchThrowable(() -> unpacker.unpack(aci, temp.resolve("pod/apps/x")));

        assertThat(thrown).hasMessageStartingWith(aci.toString()).hasMessageContaining("escape");
        assertThat(host).isEmptyDirectory();
        assertThat(temp.resolve("pod/apps/x")).doesNotExist();
    }

    @Test
    void ociLayerWhoseBytesDoNotMatchItsDigestIsRefused() throws Exception {
        byte[] tar = new TestImages.Tar().file("a", "original").bytes();
        Path layout = TestImages.ociLayout(temp.resolve("oci"), config(tar), List.of(tar));
        String digest = sha256(TestImages.gzip(tar)).substring(7);
        Files.write(
                layout.resolve("blobs/sha256/" + digest),
                TestImages.gzip(new TestImages.Tar().file("a", "evil").bytes()));

        Throwable thrown = catchThrowable(() -> unpacker.unpack(layout, temp.resolve("apps/x")));

        assertThat(thrown)
                .isInstanceOf(AppImageException.class)
                .hasMessageContaining("layer 1 of 1 (sha256:" + digest + ") has digest sha256:")
                .hasMessageContaining("the blob is corrupt or was changed");
        assertThat(temp.resolve("apps/x")).doesNotExist();
    }

    @Test
    void dockerLayerWhoseBytesDoNotMatchItsDiffIdIsRefused() throws Exception {
        byte[] tar = new TestImages.Tar().file("a", "original").bytes();
        ObjectNode config = TestImages.config(List.of(sha256("other".getBytes())), "", List.of("/a"), List.of());
        Path tarball = TestImages.dockerSave(temp.resolve("image.tar"), config, List.of(tar));

        Throwable thrown = catchThrowable(() -> unpacker.unpack(tarball, temp.resolve("apps/x")));

        assertThat(thrown).hasMessageContaining("layer 1 of 1 (layer0/layer.tar) has uncompressed digest");
        assertThat(temp.resolve("apps/x")).doesNotExist();
    }

    @Test
    void truncatedGzipLayerIsReportedAsCorrupt() throws Exception {
        byte[] tar = new TestImages.Tar().file("a", "x".repeat(100_000)).bytes();
        Path layout = TestImages.ociLayout(temp.resolve("oci"), config(tar), List.of(tar));
        Path blob =
                layout.resolve("blobs/sha256/" + sha256(TestImages.gzip(tar)).substring(7));
        byte[] whole = Files.readAllBytes(blob);
        Files.write(blob, Arrays.copyOf(whole, whole.length / 2));

        Throwable thrown = catchThrowable(() -> unpacker.unpack(layout, temp.resolve("apps/x")));

        assertThat(thrown)
                .isInstanceOf(AppImageException.class)
                .hasMessageContaining("layer 1 of 1")
                .hasMessageContaining("corrupt or truncated");
        assertThat(temp.resolve("apps/x")).doesNotExist();
    }

    @Test
    void truncatedZstdOciLayerIsReportedAsCorrupt() throws Exception {
        byte[] tar = new TestImages.Tar().file("a", "x".repeat(100_000)).bytes();
        Path layout =
                TestImages.ociLayout(temp.resolve("oci"), config(tar), List.of(tar), TestImages.LayerCompression.ZSTD);
        Path blob =
                layout.resolve("blobs/sha256/" + sha256(TestImages.zstd(tar)).substring(7));
        byte[] whole = Files.readAllBytes(blob);
        Files.write(blob, Arrays.copyOf(whole, whole.length / 2));

        assertCorruptLayer(layout, "layer 1 of 1 (" + sha256(whole) + ")");
    }

    @Test
    void zstdDockerLayerWithAReservedBitSetIsReportedAsCorrupt() throws Exception {
        byte[] tar = new TestImages.Tar().file("a", "x").bytes();
        byte[] layer = TestImages.zstd(tar);
        layer[ZSTD_FRAME_HEADER_DESCRIPTOR] |= ZSTD_RESERVED_BIT;
        Path tarball = TestImages.dockerSave(temp.resolve("image.tar"), config(tar), List.of(layer));

        assertCorruptLayer(tarball, "layer 1 of 1 (layer0/layer.tar)");
    }

    private void assertCorruptLayer(Path image, String layer) {
        Throwable thrown = catchThrowable(() -> unpacker.unpack(image, temp.resolve("apps/x")));

        assertThat(thrown)
                .isInstanceOf(AppImageException.class)
                .hasCauseInstanceOf(LayerException.class)
                .hasMessageStartingWith(image + ": " + layer + " is unreadable (")
                .hasMessageContaining("the image is corrupt or truncated: save or pull it again");
        assertThat(temp.resolve("apps/x")).doesNotExist();
    }

    private static ObjectNode config(byte[] tar) throws Exception {
        return TestImages.config(List.of(sha256(tar)), "", List.of("/a"), List.of());
    }

    /** Puts the test's host folder where a layer says HOST; the tar is rebuilt so its sizes stay right. */
    private static byte[] withHostPath(byte[] tar, Path host) throws Exception {
        String text = new String(tar, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!text.contains("HOST")) {
            return tar;
        }
        var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                new java.io.ByteArrayInputStream(tar));
        TestImages.Tar rebuilt = new TestImages.Tar();
        org.apache.commons.compress.archivers.tar.TarArchiveEntry entry;
        while ((entry = in.getNextEntry()) != null) {
            String link = entry.getLinkName().replace("HOST", host.toString()).replace("//", "/");
            if (entry.isSymbolicLink()) {
                rebuilt.symlink(entry.getName(), link.replace("../../../..", "../../../.." + host));
            } else if (entry.isLink()) {
                rebuilt.hardlink(entry.getName(), link);
            } else if (entry.isDirectory()) {
                rebuilt.dir(entry.getName());
            } else {
                rebuilt.file(entry.getName(), in.readAllBytes());
            }
        }
        return rebuilt.bytes();
    }
}
