package dev.stage1kvm.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostTreeTest {

    @TempDir
    Path folder;

    @Test
    void stagesFilesFoldersLinksAndHardLinksInArchiveOrder() throws IOException {
        Files.createDirectories(folder.resolve("a-b"));
        Files.createDirectories(folder.resolve("a"));
        Files.writeString(folder.resolve("a/y"), "y");
        Files.createLink(folder.resolve("a-b/x"), folder.resolve("a/y"));
        Files.createSymbolicLink(folder.resolve("lib"), Path.of("a"));
        StagedTree tree = new StagedTree();

        HostTree.addFolder(folder, "/usr", tree, "input");

        assertThat(tree.entries().keySet())
                .containsExactly("usr", "usr/a", "usr/a/y", "usr/a-b", "usr/a-b/x", "usr/lib");
        assertThat(tree.get("usr/a-b/x")).isEqualTo(new StagedEntry.HardLink("usr/a/y"));
        assertThat(tree.get("usr/lib")).isEqualTo(new StagedEntry.Symlink("a"));
    }

    @Test
    void modesDoNotDependOnTheUmask() throws IOException {
        Path plain = Files.writeString(folder.resolve("plain"), "x");
        Path tool = Files.writeString(folder.resolve("tool"), "x");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        StagedTree tree = new StagedTree();

        HostTree.addFolder(folder, "/", tree, "input");

        assertThat(tree.get("plain").mode()).isEqualTo(0644);
        assertThat(tree.get("tool").mode()).isEqualTo(0755);
        assertThat(HostTree.normalizedFileMode(04711)).isEqualTo(04755);
    }

    @Test
    void refusesALinkThatClimbsOutOfTheRootfs() throws IOException {
        Files.createSymbolicLink(folder.resolve("escape"), Path.of("../../etc/passwd"));

        assertThatThrownBy(() -> HostTree.addFolder(folder, "/", new StagedTree(), "<inputs> " + folder))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("<inputs> " + folder)
                .hasMessageContaining("'../../etc/passwd' points outside the rootfs");
    }

    @Test
    void refusesAMissingFolder() {
        Path missing = folder.resolve("missing");

        assertThatThrownBy(() -> HostTree.addFolder(missing, "/", new StagedTree(), "<inputs>"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("folder '" + missing + "' does not exist");
    }

    @Test
    void overlayReplacesEntriesAndDropsChildrenOfAReplacedFolder() {
        StagedTree common = new StagedTree()
                .put("/qemu/x", new StagedEntry.Directory(0755))
                .put("/etc/a", new StagedEntry.Symlink("b"));
        StagedTree overlay = new StagedTree().put("/qemu", new StagedEntry.Symlink("bin/qemu"));

        StagedTree merged = common.copy().overlay(overlay);

        assertThat(merged.entries().keySet()).containsExactly("etc", "etc/a", "qemu");
        assertThat(common.contains("qemu/x")).isTrue();
    }
}
