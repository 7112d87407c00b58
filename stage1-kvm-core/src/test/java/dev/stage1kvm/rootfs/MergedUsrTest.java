package dev.stage1kvm.rootfs;

import static dev.stage1kvm.rootfs.FileListTest.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergedUsrTest {

    @TempDir
    Path folder;

    @Test
    void topFoldersBecomeLinksIntoUsrAndTheirContentMoves() throws IOException {
        StagedTree tree = new StagedTree()
                .put("/bin/busybox", file("bb", 0755))
                .put("/lib/systemd/systemd", file("pid1", 0755))
                .put("/usr/bin/journalctl", file("j", 0755));

        StagedTree merged = MergedUsr.apply(tree);

        assertThat(merged.get("bin")).isEqualTo(new StagedEntry.Symlink("usr/bin"));
        assertThat(merged.get("sbin")).isEqualTo(new StagedEntry.Symlink("usr/sbin"));
        assertThat(merged.get("lib")).isEqualTo(new StagedEntry.Symlink("usr/lib"));
        assertThat(merged.get("lib64")).isEqualTo(new StagedEntry.Symlink("usr/lib64"));
        assertThat(merged.get("usr/lib64")).isInstanceOf(StagedEntry.Directory.class);
        assertThat(merged.get("usr/bin/busybox")).isEqualTo(tree.get("bin/busybox"));
        assertThat(merged.get("usr/lib/systemd/systemd")).isEqualTo(tree.get("lib/systemd/systemd"));
        assertThat(merged.contains("usr/bin/journalctl")).isTrue();
        assertThat(merged.contains("lib32")).isFalse();
        assertThat(merged.index().resolve("/bin/busybox")).isInstanceOf(RootfsIndex.Found.class);
    }

    @Test
    void multilibFoldersAreLinkedOnlyWhenPresent() throws IOException {
        StagedTree merged = MergedUsr.apply(new StagedTree().put("/libx32/ld.so", file("l", 0755)));

        assertThat(merged.get("libx32")).isEqualTo(new StagedEntry.Symlink("usr/libx32"));
        assertThat(merged.contains("usr/libx32/ld.so")).isTrue();
        assertThat(merged.contains("lib32")).isFalse();
    }

    @Test
    void relativeLinksThatWouldBreakAreRetargeted() throws IOException {
        StagedTree tree = new StagedTree()
                .put("/usr/lib/x86_64-linux-gnu/libfoo.so.1", file("foo", 0644))
                .put(
                        "/lib/x86_64-linux-gnu/libfoo.so",
                        new StagedEntry.Symlink("../../usr/lib/x86_64-linux-gnu/libfoo.so.1"))
                .put("/etc/sysctl.conf", file("s", 0644))
                .put("/lib/sysctl.conf", new StagedEntry.Symlink("../etc/sysctl.conf"))
                .put("/lib/top", new StagedEntry.Symlink(".."));

        StagedTree merged = MergedUsr.apply(tree);

        assertThat(merged.get("usr/lib/x86_64-linux-gnu/libfoo.so")).isEqualTo(new StagedEntry.Symlink("libfoo.so.1"));
        assertThat(merged.get("usr/lib/sysctl.conf")).isEqualTo(new StagedEntry.Symlink("../../etc/sysctl.conf"));
        assertThat(merged.get("usr/lib/top")).isEqualTo(new StagedEntry.Symlink("../.."));
        assertResolvesTo(merged, "/lib/x86_64-linux-gnu/libfoo.so", "usr/lib/x86_64-linux-gnu/libfoo.so.1");
        assertResolvesTo(merged, "/lib/sysctl.conf", "etc/sysctl.conf");
    }

    @Test
    void linksThatStillResolveAreKeptAsWritten() throws IOException {
        StagedTree tree = new StagedTree()
                .put("/lib/systemd/system/poweroff.target", file("p", 0644))
                .put("/lib/systemd/system/runlevel0.target", new StagedEntry.Symlink("poweroff.target"))
                .put("/bin/systemd", new StagedEntry.Symlink("/lib/systemd/systemd"))
                .put("/lib/systemd/systemd", file("pid1", 0755))
                .put("/sbin/halt", new StagedEntry.Symlink("../bin/systemctl"))
                .put("/bin/systemctl", file("ctl", 0755));

        StagedTree merged = MergedUsr.apply(tree);

        assertThat(merged.get("usr/lib/systemd/system/runlevel0.target"))
                .isEqualTo(new StagedEntry.Symlink("poweroff.target"));
        assertThat(merged.get("usr/bin/systemd")).isEqualTo(new StagedEntry.Symlink("/lib/systemd/systemd"));
        assertThat(merged.get("usr/sbin/halt")).isEqualTo(new StagedEntry.Symlink("../bin/systemctl"));
        assertResolvesTo(merged, "/bin/systemd", "usr/lib/systemd/systemd");
        assertResolvesTo(merged, "/sbin/halt", "usr/bin/systemctl");
    }

    @Test
    void hardLinksFollowTheFilesTheyName() throws IOException {
        StagedTree tree =
                new StagedTree().put("/bin/a", file("x", 0755)).put("/usr/bin/b", new StagedEntry.HardLink("bin/a"));

        StagedTree merged = MergedUsr.apply(tree);

        assertThat(merged.get("usr/bin/b")).isEqualTo(new StagedEntry.HardLink("usr/bin/a"));
    }

    @Test
    void theSameFileInBothPlacesBecomesOneEntry() throws IOException {
        Path onHost = Files.writeString(folder.resolve("kmod"), "same bytes");
        StagedTree tree = new StagedTree()
                .put("/bin/kmod", new StagedEntry.RegularFile(new StagedEntry.HostFile(onHost), 10, 0755))
                .put("/usr/bin/kmod", file("same bytes", 0755));

        StagedTree merged = MergedUsr.apply(tree);

        assertThat(merged.get("usr/bin/kmod")).isEqualTo(tree.get("usr/bin/kmod"));
    }

    @Test
    void differentFilesInBothPlacesAreAnErrorNamingBoth() {
        StagedTree tree = new StagedTree().put("/bin/kmod", file("one", 0755)).put("/usr/bin/kmod", file("two", 0755));

        assertThatThrownBy(() -> MergedUsr.apply(tree))
                .isInstanceOfSatisfying(UsrMergeConflictException.class, e -> {
                    assertThat(e.movedPath()).isEqualTo("bin/kmod");
                    assertThat(e.usrPath()).isEqualTo("usr/bin/kmod");
                })
                .hasMessageContaining("/bin/kmod and /usr/bin/kmod differ");
    }

    @Test
    void aModeDifferenceIsAConflictToo() {
        StagedTree tree = new StagedTree().put("/bin/x", file("same", 0755)).put("/usr/bin/x", file("same", 0644));

        assertThatThrownBy(() -> MergedUsr.apply(tree)).isInstanceOf(UsrMergeConflictException.class);
    }

    @Test
    void aLinkToTheOtherPathGivesWayToTheRealEntry() throws IOException {
        StagedTree tree = new StagedTree()
                .put("/bin/ping", file("ping", 0755))
                .put("/usr/bin/ping", new StagedEntry.Symlink("/bin/ping"))
                .put("/sbin/ip", new StagedEntry.Symlink("../usr/sbin/ip"))
                .put("/usr/sbin/ip", file("ip", 0755));

        StagedTree merged = MergedUsr.apply(tree);

        assertThat(merged.get("usr/bin/ping")).isEqualTo(tree.get("bin/ping"));
        assertThat(merged.get("usr/sbin/ip")).isEqualTo(tree.get("usr/sbin/ip"));
    }

    @Test
    void anAlreadyMergedTreeStaysAsItIs() throws IOException {
        StagedTree tree = new StagedTree()
                .put("/bin", new StagedEntry.Symlink("usr/bin"))
                .put("/usr/bin/busybox", file("bb", 0755));

        StagedTree merged = MergedUsr.apply(tree);

        assertThat(merged.get("bin")).isEqualTo(new StagedEntry.Symlink("usr/bin"));
        assertThat(merged.get("usr/bin/busybox")).isEqualTo(tree.get("usr/bin/busybox"));
    }

    @Test
    void aTopFolderLinkedElsewhereIsRefused() {
        StagedTree tree = new StagedTree().put("/lib64", new StagedEntry.Symlink("lib"));

        assertThatThrownBy(() -> MergedUsr.apply(tree))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("/lib64 is a link to 'lib', not a folder or a link to usr/lib64");
    }

    @Test
    void relativePathsBetweenFolders() {
        assertThat(UsrMergeLinks.relative("usr/lib", "usr/lib/x")).isEqualTo("x");
        assertThat(UsrMergeLinks.relative("usr/lib", "etc/x")).isEqualTo("../../etc/x");
        assertThat(UsrMergeLinks.relative("usr/lib", "usr/lib")).isEqualTo(".");
        assertThat(UsrMergeLinks.relative(null, "etc")).isEqualTo("etc");
        assertThat(UsrMergeLinks.relative("usr", "")).isEqualTo("..");
    }

    static void assertResolvesTo(StagedTree tree, String path, String expected) {
        assertThat(tree.index().resolve(path))
                .isInstanceOfSatisfying(
                        RootfsIndex.Found.class,
                        found -> assertThat(found.path()).isEqualTo(expected));
    }
}
