package dev.stage1kvm.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether an input will put a path in the rootfs, told from the host before anything is staged. */
class HostPathInputTest {

    @TempDir
    Path tmp;

    @Test
    void aFileMappedToThePathProvidesIt() throws Exception {
        Path file = Files.writeString(tmp.resolve("my-lkvm"), "binary");

        assertThat(new HostPathInput(file, "/lkvm", "in").provides("/lkvm")).isTrue();
        assertThat(new HostPathInput(file, "/usr/bin/lkvm", "in").provides("/lkvm"))
                .isFalse();
    }

    @Test
    void aFolderProvidesThePathsItHoldsBelowItsTarget() throws Exception {
        Files.createDirectories(tmp.resolve("tree/bin"));
        Files.writeString(tmp.resolve("tree/lkvm"), "binary");
        Files.writeString(tmp.resolve("tree/bin/tool"), "binary");

        assertThat(new HostPathInput(tmp.resolve("tree"), "/", "in").provides("/lkvm"))
                .isTrue();
        assertThat(new HostPathInput(tmp.resolve("tree"), "/", "in").provides("/qemu"))
                .isFalse();
        assertThat(new HostPathInput(tmp.resolve("tree"), "/opt", "in").provides("/lkvm"))
                .isFalse();
        assertThat(new HostPathInput(tmp.resolve("tree"), "/opt/", "in").provides("/opt/bin/tool"))
                .isTrue();
    }

    @Test
    void aFileDoesNotProvideWhatIsBelowItsTarget() throws Exception {
        Path file = Files.writeString(tmp.resolve("lkvm"), "binary");

        assertThat(new HostPathInput(file, "/", "in").provides("/lkvm")).isFalse();
    }

    @Test
    void aLinkInAFolderCountsWithoutBeingFollowed() throws Exception {
        Files.createDirectories(tmp.resolve("tree"));
        Files.createSymbolicLink(tmp.resolve("tree/lkvm"), Path.of("/nonexistent/lkvm"));

        assertThat(new HostPathInput(tmp.resolve("tree"), "/", "in").provides("/lkvm"))
                .isTrue();
    }
}
