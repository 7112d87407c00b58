package dev.stage1kvm.app;

import static dev.stage1kvm.app.TestImages.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stage1kvm.pod.AppExec;
import dev.stage1kvm.progress.BuildListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppUnpackerTest {

    @TempDir
    Path temp;

    /** RFC 8878 section 3.1.1: a zstd frame's first bytes. */
    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};

    private final AppUnpacker unpacker = new AppUnpacker(BuildListener.SILENT);

    static TestImages.Tar baseLayer() {
        return new TestImages.Tar()
                .dir("etc/")
                .file("etc/passwd", "root:x:0:0::/root:/bin/sh\nweb:x:1000:1001::/srv:/bin/sh\n")
                .file("etc/group", "root:x:0:\nweb:x:1001:\nstaff:x:50:\n")
                .dir("usr/")
                .dir("usr/bin/")
                .file("usr/bin/server", "#!/bin/sh\n")
                .symlink("bin", "usr/bin")
                .dir("var/")
                .dir("var/cache/")
                .file("var/cache/old", "lower")
                .file("var/cache/kept", "lower")
                .file("gone", "lower");
    }

    static TestImages.Tar upperLayer() {
        return new TestImages.Tar()
                .file(".wh.gone", "")
                .dir("var/cache/")
                .file("var/cache/new", "upper")
                .file("var/cache/.wh..wh..opq", "")
                .hardlink("server-link", "usr/bin/server");
    }

    @Test
    void ociLayoutAppliesLayersInOrderWithWhiteoutsAndReadsTheConfig() throws Exception {
        byte[] lower = baseLayer().bytes();
        byte[] upper = upperLayer().bytes();
        Path layout = TestImages.ociLayout(
                temp.resolve("oci"),
                TestImages.config(List.of(), "web", List.of("server"), List.of("--port", "80")),
                List.of(lower, upper));

        UnpackedApp app = unpacker.unpack(layout, temp.resolve("pod/apps/web"));

        Path rootfs = temp.resolve("pod/apps/web/rootfs");
        assertThat(app.format()).isEqualTo(AppFormat.OCI_LAYOUT);
        assertThat(rootfs.resolve("gone")).doesNotExist();
        assertThat(rootfs.resolve("var/cache")).isDirectoryContaining(p -> p.endsWith("new"));
        assertThat(rootfs.resolve("var/cache/old")).doesNotExist();
        assertThat(rootfs.resolve("var/cache/kept")).doesNotExist();
        assertThat(Files.isSymbolicLink(rootfs.resolve("bin"))).isTrue();
        assertThat(Files.getAttribute(rootfs.resolve("server-link"), "unix:nlink"))
                .isEqualTo(2);
        AppExec exec = app.toExec("web");
        assertThat(exec.exec()).containsExactly("/usr/bin/server", "--port", "80");
        assertThat(List.of(exec.uid(), exec.gid())).containsExactly(1000, 1001);
        assertThat(exec.environment()).containsEntry("GREETING", "hello=world");
        assertThat(exec.workingDirectory()).isEqualTo("/srv");
    }

    @Test
    void dockerSaveIsCheckedAgainstDiffIdsAndOverriddenCommandAndGroupApply() throws Exception {
        byte[] lower = baseLayer().bytes();
        byte[] upper = upperLayer().bytes();
        Path tarball = TestImages.dockerSave(
                temp.resolve("image.tar"),
                TestImages.config(List.of(sha256(lower), sha256(upper)), "1000:staff", List.of(), List.of("/bin/x")),
                List.of(lower, upper));

        UnpackedApp app = unpacker.unpack(tarball, temp.resolve("apps/x"));

        assertThat(app.format()).isEqualTo(AppFormat.DOCKER_ARCHIVE);
        assertThat(temp.resolve("apps/x/rootfs/var/cache/new")).hasContent("upper");
        assertThat(temp.resolve("apps/x/rootfs/gone")).doesNotExist();
        AppExec exec = new UnpackedApp(
                        app.image(), app.format(), app.rootfs(), app.config().withCommand(List.of("server", "-v")))
                .toExec("x");
        assertThat(exec.exec()).containsExactly("/usr/bin/server", "-v");
        assertThat(List.of(exec.uid(), exec.gid())).containsExactly(1000, 50);
    }

    @Test
    void gzippedDockerSaveIsReadToo() throws Exception {
        byte[] layer = baseLayer().bytes();
        Path tarball = TestImages.dockerSave(
                temp.resolve("image.tar"),
                TestImages.config(List.of(sha256(layer)), "", List.of("/usr/bin/server"), List.of()),
                List.of(layer));
        Path gzipped = Files.write(temp.resolve("image.tar.gz"), TestImages.gzip(Files.readAllBytes(tarball)));

        UnpackedApp app = unpacker.unpack(gzipped, temp.resolve("apps/x"));

        assertThat(app.toExec("x").uid()).isZero();
        assertThat(temp.resolve("apps/x")).isDirectoryContaining(p -> p.endsWith("rootfs"));
        assertThat(temp.resolve("apps/x/.image.tar")).doesNotExist();
    }

    @Test
    void zstdOciLayersAreAppliedInOrder() throws Exception {
        byte[] lower = baseLayer().bytes();
        byte[] upper = upperLayer().bytes();
        Path layout = TestImages.ociLayout(
                temp.resolve("oci"),
                TestImages.config(List.of(), "", List.of("/usr/bin/server"), List.of()),
                List.of(lower, upper),
                TestImages.LayerCompression.ZSTD);

        unpacker.unpack(layout, temp.resolve("apps/x"));

        assertThat(layout.resolve(
                        "blobs/sha256/" + sha256(TestImages.zstd(upper)).substring(7)))
                .binaryContent()
                .startsWith(ZSTD_MAGIC);
        assertThat(temp.resolve("apps/x/rootfs/usr/bin/server")).hasContent("#!/bin/sh\n");
        assertThat(temp.resolve("apps/x/rootfs/var/cache/new")).hasContent("upper");
        assertThat(temp.resolve("apps/x/rootfs/var/cache/old")).doesNotExist();
    }

    @Test
    void zstdLayerOfADockerSaveIsRecognisedByItsMagicNumber() throws Exception {
        byte[] layer = baseLayer().bytes();
        Path tarball = TestImages.dockerSave(
                temp.resolve("image.tar"),
                TestImages.config(List.of(sha256(layer)), "", List.of("/usr/bin/server"), List.of()),
                List.of(TestImages.zstd(layer)));

        unpacker.unpack(tarball, temp.resolve("apps/x"));

        assertThat(temp.resolve("apps/x/rootfs/etc/group")).content().contains("staff:x:50:");
        assertThat(temp.resolve("apps/x/rootfs/gone")).hasContent("lower");
    }

    @Test
    void aciAppFieldGivesExecUsersEnvironmentAndIsolators() throws Exception {
        String appJson = "{\"exec\":[\"/usr/bin/server\",\"-x\"],\"user\":\"web\",\"group\":\"1001\","
                + "\"supplementaryGIDs\":[50],\"environment\":[{\"name\":\"A\",\"value\":\"b\"}],"
                + "\"workingDirectory\":\"/srv\",\"isolators\":["
                + "{\"name\":\"resource/memory\",\"value\":{\"limit\":\"512Mi\"}},"
                + "{\"name\":\"resource/cpu\",\"value\":{\"request\":\"250m\",\"limit\":\"1500m\"}}]}";
        Path aci = TestImages.aci(temp.resolve("app.aci"), appJson, baseLayer());

        UnpackedApp app = unpacker.unpack(aci, temp.resolve("apps/srv"));

        AppExec exec = app.toExec("srv");
        assertThat(exec.exec()).containsExactly("/usr/bin/server", "-x");
        assertThat(List.of(exec.uid(), exec.gid())).containsExactly(1000, 1001);
        assertThat(exec.supplementaryGids()).containsExactly(50);
        assertThat(exec.environment()).isEqualTo(Map.of("A", "b"));
        assertThat(app.resources("srv").memoryLimitBytes()).hasValue(512L << 20);
        assertThat(app.resources("srv").cpuLimitMillis()).hasValue(1500);
        assertThat(temp.resolve("apps/srv/rootfs/usr/bin/server")).hasContent("#!/bin/sh\n");
    }

    @Test
    void userNamesAreReadThroughTheImagesOwnSymlinksNotTheHosts() throws Exception {
        Path hostPasswd = Files.writeString(temp.resolve("host-passwd"), "web:x:4242:4242::/:/bin/sh\n");
        TestImages.Tar layer = new TestImages.Tar()
                .dir("etc/")
                .symlink("etc/passwd", hostPasswd.toString())
                .dir("bin/")
                .file("bin/x", "");
        Path layout = TestImages.ociLayout(
                temp.resolve("oci"),
                TestImages.config(List.of(), "web", List.of("/bin/x"), List.of()),
                List.of(layer.bytes()));

        UnpackedApp app = unpacker.unpack(layout, temp.resolve("apps/x"));

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> app.toExec("x")))
                .isInstanceOf(AppImageException.class)
                .hasMessageContaining("user 'web' is not in the image's /etc/passwd");
    }

    @Test
    void fileNamesOfAnotherKindAreRefusedByContent() throws Exception {
        Path notImage = Files.write(temp.resolve("app.aci"), "hello".getBytes(StandardCharsets.UTF_8));
        Path folder = Files.createDirectories(temp.resolve("folder"));

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> unpacker.unpack(notImage, temp.resolve("a"))))
                .isInstanceOf(AppImageException.class)
                .hasMessageStartingWith(notImage.toString())
                .hasMessageContaining("name an ACI, an OCI layout folder or a docker save tarball");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> unpacker.unpack(folder, temp.resolve("a"))))
                .hasMessageContaining("without oci-layout");
        assertThat(temp.resolve("a")).doesNotExist();
        assertThat(Files.exists(temp.resolve("a"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void ociIndexWithSeveralPlatformsGivesThisHostsManifest() throws Exception {
        byte[] layer = baseLayer().bytes();
        Path layout = TestImages.ociLayout(
                temp.resolve("oci"),
                TestImages.config(List.of(), "", List.of("/usr/bin/server"), List.of()),
                List.of(layer));
        com.fasterxml.jackson.databind.node.ObjectNode index = (com.fasterxml.jackson.databind.node.ObjectNode)
                TestImages.JSON.readTree(layout.resolve("index.json").toFile());
        com.fasterxml.jackson.databind.node.ObjectNode host = (com.fasterxml.jackson.databind.node.ObjectNode)
                index.withArray("manifests").get(0);
        host.putObject("platform").put("os", "linux").put("architecture", OciLayout.hostArch());
        com.fasterxml.jackson.databind.node.ObjectNode other = host.deepCopy();
        other.put("digest", "sha256:" + "e".repeat(64))
                .putObject("platform")
                .put("os", "linux")
                .put("architecture", "s390x");
        index.withArray("manifests").insert(0, other);
        Files.write(layout.resolve("index.json"), TestImages.json(index));

        UnpackedApp app = unpacker.unpack(layout, temp.resolve("apps/x"));

        assertThat(app.toExec("x").exec()).containsExactly("/usr/bin/server");
    }

    @Test
    void dockerSaveOfDocker25WithBlobPathsAndLinkedDuplicateLayers() throws Exception {
        byte[] layer = baseLayer().bytes();
        byte[] configBytes = TestImages.json(
                TestImages.config(List.of(sha256(layer), sha256(layer)), "", List.of("/usr/bin/server"), List.of()));
        String layerPath = "blobs/sha256/" + sha256(layer).substring(7);
        String configPath = "blobs/sha256/" + sha256(configBytes).substring(7);
        String manifest = "[{\"Config\":\"" + configPath + "\",\"Layers\":[\"" + layerPath + "\",\"dup/layer.tar\"]}]";
        Path tarball = temp.resolve("image.tar");
        Files.write(
                tarball,
                new TestImages.Tar()
                        .dir("blobs/")
                        .dir("blobs/sha256/")
                        .file(layerPath, layer)
                        .file(configPath, configBytes)
                        .dir("dup/")
                        .symlink("dup/layer.tar", "../" + layerPath)
                        .file("manifest.json", manifest)
                        .bytes());

        UnpackedApp app = unpacker.unpack(tarball, temp.resolve("apps/x"));

        assertThat(app.rootfs().resolve("usr/bin/server")).exists();
    }

    @Test
    void dockerSaveMemberLinkThatLeavesTheTarballIsRefused() throws Exception {
        byte[] configBytes =
                TestImages.json(TestImages.config(List.of(sha256(new byte[0])), "", List.of("/x"), List.of()));
        Path tarball = temp.resolve("image.tar");
        Files.write(
                tarball,
                new TestImages.Tar()
                        .file("config.json", configBytes)
                        .symlink("layer.tar", "../../etc/passwd")
                        .file("manifest.json", "[{\"Config\":\"config.json\",\"Layers\":[\"layer.tar\"]}]")
                        .bytes());

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> unpacker.unpack(tarball, temp.resolve("a"))))
                .isInstanceOf(AppImageException.class)
                .hasMessageContaining("has a '..' part");
        assertThat(temp.resolve("a")).doesNotExist();
    }

    @Test
    void anEnvironmentNameAUnitCannotHoldIsTheImagesError() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode config =
                TestImages.config(List.of(), "", List.of("/usr/bin/server"), List.of());
        ((com.fasterxml.jackson.databind.node.ArrayNode) config.path("config").path("Env")).add("BAD-NAME=x");
        Path layout = TestImages.ociLayout(
                temp.resolve("oci"), config, List.of(baseLayer().bytes()));

        UnpackedApp app = unpacker.unpack(layout, temp.resolve("apps/x"));

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> app.toExec("x")))
                .isInstanceOf(AppImageException.class)
                .hasMessageStartingWith(layout + ": app x: environment variable name 'BAD-NAME' is not valid");
    }
}
