package dev.stage1kvm.hypervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stage1kvm.aci.ImageManifest;
import dev.stage1kvm.aci.NameValue;
import dev.stage1kvm.aci.Stage1Annotations;
import dev.stage1kvm.rootfs.RootfsIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class Stage1FilesTest {

    private static final Path ROOTFS = Path.of("/store/sha512-ab/rootfs");

    static RootfsIndex debianLikeRootfs() {
        Map<String, RootfsIndex.Entry> entries = new TreeMap<>();
        entries.put("kernel_image", new RootfsIndex.Entry(RootfsIndex.Type.FILE, 0644, null));
        entries.put("qemu", new RootfsIndex.Entry(RootfsIndex.Type.FILE, 0755, null));
        entries.put("lib64", new RootfsIndex.Entry(RootfsIndex.Type.SYMLINK, 0777, "usr/lib64"));
        entries.put("sbin", new RootfsIndex.Entry(RootfsIndex.Type.SYMLINK, 0777, "usr/sbin"));
        entries.put("usr", new RootfsIndex.Entry(RootfsIndex.Type.DIRECTORY, 0755, null));
        entries.put("usr/sbin", new RootfsIndex.Entry(RootfsIndex.Type.DIRECTORY, 0755, null));
        entries.put("usr/sbin/init", new RootfsIndex.Entry(RootfsIndex.Type.SYMLINK, 0777, "../lib/systemd/systemd"));
        entries.put("usr/lib", new RootfsIndex.Entry(RootfsIndex.Type.DIRECTORY, 0755, null));
        entries.put("usr/lib/systemd", new RootfsIndex.Entry(RootfsIndex.Type.DIRECTORY, 0755, null));
        entries.put("usr/lib/systemd/systemd", new RootfsIndex.Entry(RootfsIndex.Type.FILE, 0755, null));
        entries.put("usr/lib64", new RootfsIndex.Entry(RootfsIndex.Type.DIRECTORY, 0755, null));
        entries.put(
                "usr/lib64/ld-linux-x86-64.so.2",
                new RootfsIndex.Entry(RootfsIndex.Type.SYMLINK, 0777, "/usr/lib/x86_64-linux-gnu/ld.so"));
        entries.put("usr/lib/x86_64-linux-gnu", new RootfsIndex.Entry(RootfsIndex.Type.DIRECTORY, 0755, null));
        entries.put("usr/lib/x86_64-linux-gnu/ld.so", new RootfsIndex.Entry(RootfsIndex.Type.FILE, 0755, null));
        entries.put("usr/lib/x86_64-linux-gnu/qemu", new RootfsIndex.Entry(RootfsIndex.Type.DIRECTORY, 0755, null));
        entries.put("usr/share", new RootfsIndex.Entry(RootfsIndex.Type.DIRECTORY, 0755, null));
        return new RootfsIndex(entries);
    }

    static ImageManifest manifest(String... annotationPairs) {
        List<NameValue> annotations = new ArrayList<>();
        for (int i = 0; i < annotationPairs.length; i += 2) {
            annotations.add(new NameValue(annotationPairs[i], annotationPairs[i + 1]));
        }
        return ImageManifest.of("coreos.com/rkt/stage1-kvm", List.of(), annotations);
    }

    @Test
    void qemuImageResolvesThroughItsOwnAbsoluteSymlinksToHostPaths() {
        ImageManifest manifest = manifest(
                Stage1Annotations.HYPERVISOR, "qemu",
                Stage1Annotations.HYPERVISOR_PATH, "/qemu",
                Stage1Annotations.KERNEL_PATH, "/kernel_image",
                Stage1Annotations.LOADER_PATH, "/lib64/ld-linux-x86-64.so.2",
                Stage1Annotations.LIBRARY_PATH, "/usr/lib/x86_64-linux-gnu:/usr/lib64",
                Stage1Annotations.MODULE_DIR, "/usr/lib/x86_64-linux-gnu/qemu",
                Stage1Annotations.FIRMWARE_DIR, "/usr/share",
                Stage1Annotations.KERNEL_PARAMS, " quiet  loglevel=3 ",
                Stage1Annotations.KERNEL_VERSION, "6.1.158");

        Stage1Files files = Stage1Files.resolve(manifest, debianLikeRootfs(), ROOTFS, "s1.aci");

        assertThat(files.hypervisor()).isEqualTo(Hypervisor.QEMU);
        assertThat(files.boot().kernelOnHost()).isEqualTo(ROOTFS.resolve("kernel_image"));
        assertThat(files.boot().guestInit()).isEqualTo("/sbin/init");
        QemuInstall qemu = files.qemu().orElseThrow();
        assertThat(qemu.loader()).isEqualTo(ROOTFS.resolve("usr/lib/x86_64-linux-gnu/ld.so"));
        assertThat(qemu.libraryPath())
                .containsExactly(ROOTFS.resolve("usr/lib/x86_64-linux-gnu"), ROOTFS.resolve("usr/lib64"));
        assertThat(qemu.binary()).isEqualTo(ROOTFS.resolve("qemu"));
        assertThat(files.kernelParams()).containsExactly("quiet", "loglevel=3");
        assertThat(files.kernelVersion()).hasValue("6.1.158");
    }

    @Test
    void everyMissingOrWrongAnnotationIsNamedAtOnce() {
        ImageManifest manifest = manifest(
                Stage1Annotations.HYPERVISOR, "qemu",
                Stage1Annotations.HYPERVISOR_PATH, "/qemu",
                Stage1Annotations.LOADER_PATH, "/lib64/missing.so",
                Stage1Annotations.MODULE_DIR, "/qemu");

        InvalidStage1Exception e = catchThrowableOfType(
                InvalidStage1Exception.class,
                () -> Stage1Files.resolve(manifest, debianLikeRootfs(), ROOTFS, "s1.aci"));

        assertThat(e.problems())
                .containsExactly(
                        "annotation stage1-kvm.dev/kernel is missing",
                        "annotation stage1-kvm.dev/loader names /lib64/missing.so, which is not a regular file in"
                                + " the rootfs",
                        "annotation stage1-kvm.dev/module-dir names /qemu, which is not a folder in the rootfs",
                        "annotation stage1-kvm.dev/firmware-dir is missing",
                        "annotation stage1-kvm.dev/library-path is missing");
        assertThat(e).hasMessageStartingWith("s1.aci cannot start a pod: annotation stage1-kvm.dev/kernel is missing;");
    }
}
