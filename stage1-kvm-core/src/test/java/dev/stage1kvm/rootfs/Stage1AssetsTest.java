package dev.stage1kvm.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Reads the real data of the stage1-assets jar (a test dependency of the core). */
class Stage1AssetsTest {

    private final Stage1Assets assets = Stage1Assets.fromClasspath();

    @Test
    void everyPackageListParsesAndTheyDoNotOverlap() {
        assertThat(assets.packages()).contains("systemd", "libsystemd-shared", "libc6", "busybox-static");
        assertThat(assets.packages("qemu")).contains("qemu-system-x86", "qemu-system-common", "seabios");
        assertThat(assets.packages("qemu")).doesNotContainAnyElementsOf(assets.packages());
        assertThat(assets.packages("lkvm")).isEmpty();
    }

    @Test
    void theInitramfsListsAndInitScriptParse() {
        assertThat(assets.initramfsModules()).contains("9p", "9pnet_virtio", "virtio_console", "virtio_rng");
        assertThat(assets.initramfsApplets()).contains("sh", "insmod", "mount", "switch_root", "poweroff");
        assertThat(new String(assets.initramfsInit(), StandardCharsets.UTF_8))
                .startsWith("#!/bin/sh\n")
                .contains("/lib/modules/load.order")
                .contains("exec switch_root /newroot");
    }

    @Test
    void badModuleNamesAreReportedWithTheirLine() {
        assertThatThrownBy(() -> Stage1Assets.names(
                        "m.list", "9p\nvirtio rng\n", Pattern.compile("[a-z0-9_]+"), "a" + " module name"))
                .hasMessageContaining("m.list line 2")
                .hasMessageContaining("not a module name");
    }

    @Test
    void theUserlandListParsesAndKeepsPid1ButNoGenerators() {
        FileList list = assets.userlandFiles();

        assertThat(list.keepPatterns()).contains("/usr/lib/systemd/systemd", "/usr/bin/busybox");
        assertThat(list.matches("/usr/lib/systemd/systemd")).isTrue();
        assertThat(list.matches("/usr/lib/systemd/system/poweroff.target")).isTrue();
        assertThat(list.matches("/usr/lib/systemd/system-generators/systemd-fstab-generator"))
                .isFalse();
        assertThat(list.matches("/usr/lib/systemd/system/sysinit.target.wants/systemd-journald.service"))
                .isFalse();
        assertThat(list.matches("/usr/share/man/man1/systemctl.1.gz")).isFalse();
    }

    @Test
    void theLayoutAddsTheEtcFilesAndFixedEntries() throws IOException {
        StagedTree tree = new StagedTree();

        assets.layout().addTo(tree);

        assertThat(text(tree, "etc/machine-id")).matches("[0-9a-f]{32}\n");
        assertThat(tree.get("etc/machine-id").mode())
                .as("DESIGN.md section 5: files 0644")
                .isEqualTo(0644);
        assertThat(text(tree, "etc/os-release")).contains("ID=stage1-kvm\n");
        assertThat(text(tree, "etc/passwd")).startsWith("root:x:0:0:");
        assertThat(text(tree, "etc/group")).startsWith("root:x:0:");
        assertThat(text(tree, "systemd-version")).isEqualTo("v252\n");
        assertThat(tree.get("etc/mtab")).isEqualTo(new StagedEntry.Symlink("../proc/self/mounts"));
        assertThat(tree.get("var/run")).isEqualTo(new StagedEntry.Symlink("../run"));
        for (String mountPoint : new String[] {"proc", "sys", "dev", "run", "tmp"}) {
            assertThat(tree.get(mountPoint)).as(mountPoint).isEqualTo(new StagedEntry.Directory(0755));
        }
    }

    @Test
    void theSystemdVersionFileMatchesTheMajorVersionOfTheListedSystemd() {
        assertThat(new String(assets.bytes("rootfs/systemd-version"), StandardCharsets.UTF_8))
                .as("update rootfs/systemd-version with the suite of packages.list")
                .isEqualTo("v252\n");
    }

    @Test
    void aMissingAssetNamesItselfAndTheRemedy() {
        assertThatThrownBy(() -> assets.bytes("no-such.list"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/dev/stage1kvm/assets/no-such.list is missing")
                .hasMessageContaining("stage1-assets jar");
    }

    @Test
    void badPackageNamesAreReportedWithTheirLine() {
        assertThatThrownBy(() -> Stage1Assets.packageNames("p.list", "# x\nsystemd\nLibC6\n"))
                .isInstanceOfSatisfying(
                        InvalidFileListException.class,
                        e -> assertThat(e.lineNumber()).isEqualTo(3))
                .hasMessageContaining("not a Debian package name");
        assertThatThrownBy(() -> Stage1Assets.packageNames("p.list", "systemd\nsystemd\n"))
                .hasMessageContaining("p.list line 2")
                .hasMessageContaining("listed twice");
    }

    @Test
    void layoutLinesAreCheckedOneByOne() {
        Map<String, byte[]> resources = Map.of("r", new byte[] {1, 2});
        LayoutInput layout = new LayoutInput("l.list", "dir /proc\nfile /etc/x 0600 r\nsymlink /a b\n", resources::get);

        assertThat(layout.entries()).containsKeys("proc", "etc/x", "a");
        assertThat(layout.entries().get("etc/x").mode()).isEqualTo(0600);
        assertLayoutRejected("dir\n", "expected 'dir <guest path>'");
        assertLayoutRejected("dir proc\n", "must be absolute");
        assertLayoutRejected("symlink /a\n", "expected 'symlink <guest path> <target>'");
        assertLayoutRejected("file /etc/x 0999 r\n", "mode '0999'");
        assertLayoutRejected("fifo /x\n", "unknown kind 'fifo'");
        assertLayoutRejected("dir  /x\n", "single spaces");
    }

    private static void assertLayoutRejected(String text, String problem) {
        assertThatThrownBy(() -> new LayoutInput("l.list", text, name -> new byte[0]))
                .isInstanceOf(InvalidFileListException.class)
                .hasMessageContaining("l.list line 1")
                .hasMessageContaining(problem);
    }

    private static String text(StagedTree tree, String path) {
        StagedEntry.RegularFile file = (StagedEntry.RegularFile) tree.get(path);
        return new String(((StagedEntry.Bytes) file.content()).data(), StandardCharsets.UTF_8);
    }
}
