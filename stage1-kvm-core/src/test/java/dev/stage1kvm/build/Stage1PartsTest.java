package dev.stage1kvm.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stage1kvm.aci.ImageManifest;
import dev.stage1kvm.aci.NameValue;
import dev.stage1kvm.aci.Stage1Annotations;
import dev.stage1kvm.hypervisor.Hypervisor;
import dev.stage1kvm.hypervisor.QemuFiles;
import dev.stage1kvm.rootfs.FileList;
import dev.stage1kvm.rootfs.MergedUsr;
import dev.stage1kvm.rootfs.PackageTreeFixture;
import dev.stage1kvm.rootfs.RootfsIndex;
import dev.stage1kvm.rootfs.Stage1Assets;
import dev.stage1kvm.rootfs.Stage1Layout;
import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The userland parts put together as the recipe will: bookworm's systemd, libc6 and busybox entries merged and
 * filtered by the real list, the fixed layout, and the QEMU overlay from bookworm's QEMU packages. The result passes
 * the stage1 rules.
 */
class Stage1PartsTest {

    @Test
    void theQemuImageTreePassesTheStage1Rules() throws IOException {
        StagedTree image = qemuImage();
        List<NameValue> annotations = new ArrayList<>(List.of(
                new NameValue(Stage1Annotations.HYPERVISOR, Hypervisor.QEMU.id()),
                new NameValue(Stage1Annotations.HYPERVISOR_PATH, Hypervisor.QEMU.guestPath())));
        annotations.addAll(QemuFiles.annotations(image.index()));
        ImageManifest manifest = ImageManifest.of(
                "coreos.com/rkt/stage1-kvm",
                List.of(new NameValue("arch", "amd64"), new NameValue("os", "linux")),
                annotations);

        Stage1Checker.Report report = Stage1Checker.check(manifest, image.index(), Map.of());

        assertThat(report.problems()).isEmpty();
        assertThat(manifest.annotation(Stage1Annotations.LOADER_PATH))
                .hasValue("/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
    }

    @Test
    void everyLinkOfTheImageResolvesInsideItButTheTwoMeantNotTo() throws IOException {
        RootfsIndex index = qemuImage().index();

        List<String> unresolved = new ArrayList<>();
        index.entries().forEach((path, entry) -> {
            if (entry.type() == RootfsIndex.Type.SYMLINK && !(index.resolve(path) instanceof RootfsIndex.Found)) {
                unresolved.add(path + " -> " + entry.linkTarget());
            }
        });

        // /etc/mtab resolves once the guest mounts /proc; /flavor names rkt's flavor and points at nothing
        assertThat(unresolved).containsExactlyInAnyOrder("etc/mtab -> ../proc/self/mounts", "flavor -> kvm");
    }

    private static StagedTree qemuImage() throws IOException {
        StagedTree packages = PackageTreeFixture.read(Stage1PartsTest.class, "../rootfs/bookworm-systemd-tree.txt");
        FileList list = Stage1Assets.fromClasspath().userlandFiles().plus(List.of(QemuFiles.LOADER));
        StagedTree image = Stage1Layout.skeleton()
                .overlay(list.filter(MergedUsr.apply(packages)).tree());
        Stage1Assets.fromClasspath().layout().addTo(image);
        image.put(Stage1Layout.KERNEL_PATH, new StagedEntry.RegularFile(new StagedEntry.Bytes(new byte[1]), 1, 0644));
        StagedTree qemu = PackageTreeFixture.read(Stage1PartsTest.class, "../hypervisor/bookworm-qemu-tree.txt");
        return image.overlay(QemuFiles.overlay(qemu));
    }
}
