package dev.stage1kvm.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FileListTest {

    @Test
    void starStaysInsideOneSegmentAndDoubleStarSpansSegments() {
        FileList list = FileList.parse("t.list", "/usr/lib/systemd/system/*.target\n/usr/share/qemu/**\n");

        assertThat(list.matches("/usr/lib/systemd/system/poweroff.target")).isTrue();
        assertThat(list.matches("/usr/lib/systemd/system/.target")).isTrue();
        assertThat(list.matches("/usr/lib/systemd/system/sysinit.target.wants")).isFalse();
        assertThat(list.matches("/usr/lib/systemd/system/x/y.target")).isFalse();
        assertThat(list.matches("/usr/share/qemu")).isTrue();
        assertThat(list.matches("/usr/share/qemu/keymaps/de")).isTrue();
        assertThat(list.matches("/usr/share/qemu-firmware")).isFalse();
    }

    @Test
    void doubleStarInTheMiddleMatchesZeroOrMoreSegments() {
        FileList list = FileList.parse("t.list", "/usr/**/bin/*ctl");

        assertThat(list.matches("usr/bin/systemctl")).isTrue();
        assertThat(list.matches("usr/local/x/bin/journalctl")).isTrue();
        assertThat(list.matches("usr/bin/systemd")).isFalse();
    }

    @Test
    void otherCharactersAreLiteral() {
        FileList list =
                FileList.parse("t.list", "/usr/lib/systemd/system/system-systemd\\x2dcryptsetup.slice\n/a/b.c?[d]");

        assertThat(list.matches("usr/lib/systemd/system/system-systemd\\x2dcryptsetup.slice"))
                .isTrue();
        assertThat(list.matches("a/b.c?[d]")).isTrue();
        assertThat(list.matches("a/bxc?[d]")).isFalse();
    }

    @Test
    void anExcludeWinsWhateverTheOrder() {
        FileList list = FileList.parse("t.list", "!/usr/lib/systemd/system-generators/**\n/usr/lib/systemd/**\n");

        assertThat(list.matches("usr/lib/systemd/systemd")).isTrue();
        assertThat(list.matches("usr/lib/systemd/system-generators/systemd-fstab-generator"))
                .isFalse();
        assertThat(list.excludePatterns()).containsExactly("/usr/lib/systemd/system-generators/**");
    }

    @Test
    void commentsAndBlankLinesAreSkipped() {
        FileList list = FileList.parse("t.list", "# reason\n\n/usr/bin/busybox\r\n# /usr/bin/other\n");

        assertThat(list.keepPatterns()).containsExactly("/usr/bin/busybox");
    }

    @Test
    void errorsNameTheListTheLineAndTheProblem() {
        assertRejected("# ok\n/usr/bin/x\nusr/bin/y\n", 3, "usr/bin/y", "leading '/'");
        assertRejected("/usr/**x/y", 1, "/usr/**x/y", "'**' must be a whole segment");
        assertRejected("/usr//y", 1, "/usr//y", "empty, '.' or '..'");
        assertRejected("\n/usr/../etc", 2, "/usr/../etc", "empty, '.' or '..'");
        assertRejected("/usr/bin/x ", 1, "/usr/bin/x ", "white space");
        assertRejected("!", 1, "!", "leading '/'");
    }

    private static void assertRejected(String text, int lineNumber, String line, String problem) {
        assertThatThrownBy(() -> FileList.parse("bad.list", text))
                .isInstanceOfSatisfying(InvalidFileListException.class, e -> {
                    assertThat(e.lineNumber()).isEqualTo(lineNumber);
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.input()).isEqualTo("bad.list line " + lineNumber);
                })
                .hasMessageContaining(problem);
    }

    @Test
    void filterKeepsParentsAndCountsWhatItDrops() {
        StagedTree tree = new StagedTree()
                .put("/usr/bin", new StagedEntry.Directory(0700))
                .put("/usr/bin/systemctl", file("systemctl", 0755))
                .put("/usr/share/doc/systemd/copyright", file("twelve bytes", 0644));
        List<String> log = new ArrayList<>();

        FileList.Result result = FileList.parse("t.list", "/usr/bin/systemctl").filter(tree, log::add);

        assertThat(result.tree().entries().keySet()).containsExactly("usr", "usr/bin", "usr/bin/systemctl");
        assertThat(result.tree().get("usr/bin").mode()).isEqualTo(0700);
        assertThat(result.droppedEntries()).isEqualTo(4);
        assertThat(result.droppedBytes()).isEqualTo(12);
        assertThat(log).containsExactly("t.list kept 3 entries and dropped 4 entries, 12 bytes");
        assertThat(tree.size()).as("the input tree is unchanged").isEqualTo(7);
    }

    @Test
    void patternsThatMatchNothingAreReported() {
        StagedTree tree = new StagedTree().put("/usr/bin/systemctl", file("systemctl", 0755));
        List<String> log = new ArrayList<>();

        FileList.Result result = FileList.parse("t.list", "/usr/bin/systemctl\n/usr/bin/sytemctl\n/usr/lib/*.so")
                .filter(tree, log::add);

        assertThat(result.unmatchedPatterns()).containsExactly("/usr/bin/sytemctl", "/usr/lib/*.so");
        assertThat(log.get(0)).endsWith("; nothing matched [/usr/bin/sytemctl, /usr/lib/*.so]");
    }

    @Test
    void aKeptPathGoesThroughLinksAndKeepsThem() {
        StagedTree tree = new StagedTree()
                .put("/bin", new StagedEntry.Symlink("usr/bin"))
                .put("/usr/bin/busybox", file("busybox", 0755))
                .put("/usr/bin/other", file("other", 0755));

        StagedTree kept = FileList.parse("t.list", "/bin/busybox").filter(tree).tree();

        assertThat(kept.entries().keySet()).containsExactly("bin", "usr", "usr/bin", "usr/bin/busybox");
    }

    @Test
    void aWildcardAfterALinkedFolderMatchesInsideItsTarget() {
        StagedTree tree = new StagedTree()
                .put("/lib", new StagedEntry.Symlink("usr/lib"))
                .put("/usr/lib/systemd/system/halt.target", file("h", 0644))
                .put("/usr/lib/systemd/system/halt.service", file("h", 0644));

        StagedTree kept = FileList.parse("t.list", "/lib/systemd/system/*.target")
                .filter(tree)
                .tree();

        assertThat(kept.contains("lib")).isTrue();
        assertThat(kept.contains("usr/lib/systemd/system/halt.target")).isTrue();
        assertThat(kept.contains("usr/lib/systemd/system/halt.service")).isFalse();
    }

    @Test
    void aKeptLinkKeepsTheChainItPointsThroughAndItsTarget() {
        StagedTree tree = new StagedTree()
                .put("/lib", new StagedEntry.Symlink("usr/lib"))
                .put("/lib64/ld-linux-x86-64.so.2", new StagedEntry.Symlink("/lib/x86_64-linux-gnu/ld.so"))
                .put("/usr/lib/x86_64-linux-gnu/ld.so", file("ld", 0755))
                .put("/usr/lib/x86_64-linux-gnu/libc.so.6", file("c", 0644));

        StagedTree kept = FileList.parse("t.list", "/lib64/*").filter(tree).tree();

        assertThat(kept.entries().keySet())
                .containsExactlyInAnyOrder(
                        "lib",
                        "lib64",
                        "lib64/ld-linux-x86-64.so.2",
                        "usr",
                        "usr/lib",
                        "usr/lib/x86_64-linux-gnu",
                        "usr/lib/x86_64-linux-gnu/ld.so");
    }

    @Test
    void aKeptHardLinkKeepsTheFileItNames() {
        StagedTree tree = new StagedTree()
                .put("/usr/bin/a", file("x", 0755))
                .put("/usr/bin/b", new StagedEntry.HardLink("usr/bin/a"));

        StagedTree kept = FileList.parse("t.list", "/usr/bin/b").filter(tree).tree();

        assertThat(kept.contains("usr/bin/a")).isTrue();
    }

    @Test
    void anExcludedTargetIsNotBroughtBackByALink() {
        StagedTree tree = new StagedTree()
                .put(
                        "/usr/lib/systemd/systemd-sysroot-fstab-check",
                        new StagedEntry.Symlink("system-generators/systemd-fstab-generator"))
                .put("/usr/lib/systemd/system-generators/systemd-fstab-generator", file("g", 0755));

        StagedTree kept = FileList.parse("t.list", "/usr/lib/systemd/*\n!/usr/lib/systemd/system-generators/**")
                .filter(tree)
                .tree();

        assertThat(kept.contains("usr/lib/systemd/systemd-sysroot-fstab-check")).isTrue();
        assertThat(kept.contains("usr/lib/systemd/system-generators")).isFalse();
    }

    @Test
    void plusKeepsExactPathsEvenWithStarsInThem() {
        StagedTree tree = new StagedTree().put("/usr/lib/a*b", file("x", 0644)).put("/usr/lib/aXb", file("y", 0644));

        StagedTree kept = FileList.parse("t.list", "")
                .plus(Set.of("/usr/lib/a*b"))
                .filter(tree)
                .tree();

        assertThat(kept.contains("usr/lib/a*b")).isTrue();
        assertThat(kept.contains("usr/lib/aXb")).isFalse();
    }

    static StagedEntry.RegularFile file(String content, int mode) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new StagedEntry.RegularFile(new StagedEntry.Bytes(bytes), bytes.length, mode);
    }
}
