package dev.stage1kvm.aci;

import static dev.stage1kvm.aci.SampleTrees.LONG_NAME;
import static dev.stage1kvm.aci.SampleTrees.MANIFEST;
import static dev.stage1kvm.aci.SampleTrees.MTIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.stage1kvm.progress.BuildListener;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AciExtractTest {

    @TempDir
    Path dir;

    private final AciReader reader = new AciReader();

    @Test
    void extractsTheLayoutWithModesLinksAndTimes() throws Exception {
        Path hostDir = Files.createDirectory(dir.resolve("host"));
        AciResult written = new AciWriter(BuildListener.SILENT)
                .write(dir.resolve("image.aci"), MANIFEST, SampleTrees.sample(hostDir), Compression.GZIP, MTIME);
        Path target = dir.resolve("out");

        AciContents contents = reader.extract(written.path(), target);

        Path rootfs = target.resolve("rootfs");
        assertThat(contents.imageId()).isEqualTo(written.imageId());
        assertThat(Files.readAllBytes(target.resolve("manifest"))).isEqualTo(MANIFEST);
        assertThat(Files.readAllBytes(rootfs.resolve("usr/bin/qemu")))
                .isEqualTo(Files.readAllBytes(hostDir.resolve("qemu")));
        assertThat(Files.getAttribute(rootfs.resolve("usr/bin/su"), "unix:mode"))
                .isEqualTo(0104755);
        assertThat(Files.readSymbolicLink(rootfs.resolve("bin"))).isEqualTo(Path.of("usr/bin"));
        assertThat(Files.readSymbolicLink(rootfs.resolve("etc/mtab"))).isEqualTo(Path.of("../proc/self/mounts"));
        assertThat(Files.isSameFile(rootfs.resolve("usr/lib/libc.so.6"), rootfs.resolve("usr/lib/libc-2.so")))
                .isTrue();
        assertThat(Files.readString(rootfs.resolve(LONG_NAME))).isEqualTo("long\n");
        assertThat(Files.getLastModifiedTime(rootfs.resolve("usr")).toInstant()).isEqualTo(MTIME);
        assertThat(Files.getLastModifiedTime(rootfs.resolve("bin"), LinkOption.NOFOLLOW_LINKS)
                        .toInstant())
                .isEqualTo(MTIME);
        assertThat(AciWriterTest.listing(dir)).containsExactlyInAnyOrder(dir.resolve("image.aci"), hostDir, target);
    }

    @Test
    void extractsIntoAnExistingEmptyFolder() throws Exception {
        Path aci = dir.resolve("ok.aci");
        Files.write(aci, TarBuilder.aci().file("rootfs/etc/hostname", "pod\n").gzip());
        Path target = Files.createDirectory(dir.resolve("out"));

        reader.extract(aci, target);

        assertThat(Files.readString(target.resolve("rootfs/etc/hostname"))).isEqualTo("pod\n");
    }

    @Test
    void refusesAFolderThatIsNotEmpty() throws Exception {
        Path aci = dir.resolve("ok.aci");
        Files.write(aci, TarBuilder.aci().gzip());
        Path target = Files.createDirectory(dir.resolve("out"));
        Files.writeString(target.resolve("keep"), "mine");

        assertThatThrownBy(() -> reader.extract(aci, target))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("extraction target exists and is not an empty folder");
        assertThat(Files.readString(target.resolve("keep"))).isEqualTo("mine");
    }

    static Stream<Arguments> hostileArchives() {
        return Stream.of(
                hostile(
                        "file written through an absolute symlink",
                        outside -> TarBuilder.aci()
                                .symlink("rootfs/evil", outside.toString())
                                .file("rootfs/evil/planted", "x"),
                        "entry 'rootfs/evil/planted' (at byte offset 2048 of the tar): parent 'rootfs/evil' is a"
                                + " symlink, not a directory"),
                hostile(
                        "directory made through a relative symlink",
                        outside -> TarBuilder.aci()
                                .symlink("rootfs/up", "../../..")
                                .directory("rootfs/up/planted/"),
                        "entry 'rootfs/up/planted' (at byte offset 2048 of the tar): parent 'rootfs/up' is a symlink"),
                hostile(
                        "file written below a regular file",
                        outside -> TarBuilder.aci().file("rootfs/f", "x").file("rootfs/f/g", "y"),
                        "entry 'rootfs/f/g' (at byte offset 2560 of the tar): parent 'rootfs/f' is a file"),
                hostile(
                        "hard link to a symlink's target",
                        outside -> TarBuilder.aci()
                                .symlink("rootfs/s", "/etc/shadow")
                                .hardLink("rootfs/h", "rootfs/s"),
                        "entry 'rootfs/h' (at byte offset 2048 of the tar): hard link to 'rootfs/s', which is a"
                                + " symlink"),
                hostile(
                        "symlink over a directory an earlier entry implied",
                        outside -> TarBuilder.aci().file("rootfs/lib/x", "x").symlink("rootfs/lib", outside.toString()),
                        "entry 'rootfs/lib' (at byte offset 2560 of the tar): a symlink where an earlier entry needed"
                                + " a directory"),
                hostile(
                        "character device",
                        outside -> TarBuilder.aci().special("rootfs/dev/null", (byte) '3'),
                        "entry 'rootfs/dev/null' (at byte offset 1536 of the tar): cannot extract a char device"));
    }

    @ParameterizedTest(name = "refuses a {0} and leaves nothing")
    @MethodSource("hostileArchives")
    void refusesAndLeavesNothing(Function<Path, TarBuilder> archive, String message) throws Exception {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Path aci = dir.resolve("hostile.aci");
        Files.write(aci, archive.apply(outside).tar());
        Path target = dir.resolve("out");

        assertThatThrownBy(() -> reader.extract(aci, target))
                .isInstanceOf(AciFormatException.class)
                .hasMessageContaining(message);

        assertThat(AciWriterTest.listing(dir)).containsExactlyInAnyOrder(aci, outside);
        assertThat(AciWriterTest.listing(outside)).isEmpty();
    }

    /** @param archive builds the tar, given a folder outside the target that it must not reach */
    private static Arguments hostile(String description, Function<Path, TarBuilder> archive, String message) {
        return arguments(named(description, archive), message);
    }
}
