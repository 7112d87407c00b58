package dev.stage1kvm.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The merged-/usr step and the real userland list of stage1-assets applied to the paths of bookworm's real systemd,
 * libc6 and busybox-static packages (a fixture listing every entry of those packages, made with dpkg -x).
 */
class BookwormUserlandTest {

    private static final String FIXTURE = "bookworm-systemd-tree.txt";

    @Test
    void mergingKeepsEveryLinkPointingAtTheSameEntry() throws IOException {
        StagedTree unpacked = fixture();
        RootfsIndex before = unpacked.index();

        RootfsIndex after = MergedUsr.apply(unpacked).index();

        int resolvedLinks = 0;
        for (Map.Entry<String, StagedEntry> entry : unpacked.entries().entrySet()) {
            if (entry.getValue() instanceof StagedEntry.Symlink
                    && before.resolve(entry.getKey()) instanceof RootfsIndex.Found found) {
                String movedLink = UsrMergeLinks.newPath(entry.getKey(), Set.of("bin", "sbin", "lib", "lib64"));
                assertThat(after.resolve(movedLink))
                        .as(entry.getKey())
                        .isInstanceOfSatisfying(
                                RootfsIndex.Found.class,
                                moved -> assertThat(moved.path())
                                        .isEqualTo(UsrMergeLinks.newPath(
                                                found.path(), Set.of("bin", "sbin", "lib", "lib64"))));
                resolvedLinks++;
            }
        }
        assertThat(resolvedLinks).as("links checked").isGreaterThan(100);
    }

    @Test
    void theUserlandListKeepsPid1AndItsHelpersAndDropsTheRest() throws IOException {
        StagedTree merged = MergedUsr.apply(fixture());

        FileList.Result result = Stage1Assets.fromClasspath().userlandFiles().filter(merged);

        Set<String> kept = result.tree().entries().keySet();
        assertThat(kept)
                .contains(
                        "usr/lib/systemd/systemd",
                        "usr/lib/systemd/systemd-shutdown",
                        "usr/lib/systemd/systemd-journald",
                        "usr/lib/systemd/system/poweroff.target",
                        "usr/lib/systemd/system/exit.target",
                        "usr/lib/systemd/system/systemd-exit.service",
                        "usr/bin/systemctl",
                        "usr/bin/busybox");
        assertThat(kept)
                .noneMatch(path -> path.contains("system-generators"))
                .noneMatch(path -> path.contains(".wants"))
                .noneMatch(path -> path.startsWith("usr/share/man") || path.startsWith("usr/share/doc"))
                .noneMatch(path -> path.startsWith("usr/lib/udev"))
                .noneMatch(path -> path.startsWith("etc/"));
        assertThat(result.unmatchedPatterns())
                .as("every keep line names something in the packages")
                .isEmpty();
        assertThat(result.droppedEntries()).isGreaterThan(1000);
        assertThat(result.keptEntries()).isBetween(50, 200);
    }

    @Test
    void librariesAddedByTheClosureBringTheLinksOnTheirWay() throws IOException {
        StagedTree merged = MergedUsr.apply(fixture());
        FileList list = Stage1Assets.fromClasspath()
                .userlandFiles()
                .plus(List.of("/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/libc.so.6"));

        StagedTree kept = list.filter(merged).tree();

        assertThat(kept.get("lib64")).isEqualTo(new StagedEntry.Symlink("usr/lib64"));
        assertThat(kept.get("lib")).isEqualTo(new StagedEntry.Symlink("usr/lib"));
        assertThat(kept.contains("usr/lib64/ld-linux-x86-64.so.2")).isTrue();
        assertThat(kept.contains("usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"))
                .isTrue();
        assertThat(kept.contains("usr/lib/x86_64-linux-gnu/libc.so.6")).isTrue();
        assertThat(kept.contains("usr/lib/x86_64-linux-gnu/libm.so.6")).isFalse();
    }

    /** Reads the fixture; a missing fixture fails the test. */
    static StagedTree fixture() throws IOException {
        return PackageTreeFixture.read(BookwormUserlandTest.class, FIXTURE);
    }
}
