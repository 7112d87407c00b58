package dev.stage1kvm.hypervisor;

import dev.stage1kvm.aci.ImageManifest;
import dev.stage1kvm.aci.Stage1Annotations;
import dev.stage1kvm.rootfs.RootfsIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The files of a stage1 image a pod VM is started from, read from the image's {@code stage1-kvm.dev/*} annotations
 * and resolved inside its rootfs as the guest would resolve them (an absolute symlink such as Debian's
 * {@code /lib64/ld-linux-x86-64.so.2} points into the image, never into the host).
 *
 * @param hypervisor which hypervisor the image carries
 * @param boot the kernel, initrd and PID 1
 * @param hypervisorBinary the hypervisor executable on the host
 * @param qemu for QEMU images: the image's loader, libraries, modules and firmware
 * @param kernelParams the image's default kernel parameters
 * @param kernelVersion the kernel version the image declares, when it does
 */
public record Stage1Files(
        Hypervisor hypervisor,
        BootFiles boot,
        Path hypervisorBinary,
        Optional<QemuInstall> qemu,
        List<String> kernelParams,
        Optional<String> kernelVersion) {

    public Stage1Files {
        kernelParams = List.copyOf(kernelParams);
    }

    /**
     * Resolves an image's annotations against its rootfs index and the folder it was extracted to.
     *
     * @param source names the image in the error
     * @throws InvalidStage1Exception listing every annotation that is missing or names no suitable file
     */
    public static Stage1Files resolve(ImageManifest manifest, RootfsIndex index, Path rootfsOnHost, String source) {
        Resolver resolver = new Resolver(manifest, index, rootfsOnHost);
        Optional<Hypervisor> hypervisor = resolver.hypervisor();
        Path kernel = resolver.file(Stage1Annotations.KERNEL_PATH, true);
        Optional<Path> initrd = Optional.ofNullable(resolver.file(Stage1Annotations.INITRD_PATH, false));
        String init = manifest.annotation(Stage1Annotations.GUEST_INIT).orElse(Stage1Annotations.DEFAULT_GUEST_INIT);
        resolver.require(init, "PID 1 (" + Stage1Annotations.GUEST_INIT + ")", RootfsIndex.Type.FILE);
        Path binary = resolver.file(Stage1Annotations.HYPERVISOR_PATH, true);
        Optional<QemuInstall> qemu = Optional.empty();
        if (hypervisor.orElse(null) == Hypervisor.QEMU) {
            qemu = resolver.qemu(binary);
        }
        if (!resolver.problems.isEmpty()) {
            throw new InvalidStage1Exception(source, resolver.problems);
        }
        return new Stage1Files(
                hypervisor.orElseThrow(),
                new BootFiles(kernel, initrd, init),
                binary,
                qemu,
                manifest.annotation(Stage1Annotations.KERNEL_PARAMS)
                        .map(params -> Arrays.stream(params.trim().split("\\s+"))
                                .filter(p -> !p.isEmpty())
                                .toList())
                        .orElse(List.of()),
                manifest.annotation(Stage1Annotations.KERNEL_VERSION));
    }

    /** Collects every problem instead of stopping at the first, so one run of the launcher names them all. */
    private static final class Resolver {
        private final ImageManifest manifest;
        private final RootfsIndex index;
        private final Path rootfsOnHost;
        private final List<String> problems = new ArrayList<>();

        Resolver(ImageManifest manifest, RootfsIndex index, Path rootfsOnHost) {
            this.manifest = manifest;
            this.index = index;
            this.rootfsOnHost = rootfsOnHost;
        }

        Optional<Hypervisor> hypervisor() {
            Optional<String> id = manifest.annotation(Stage1Annotations.HYPERVISOR);
            if (id.isEmpty()) {
                problems.add("annotation " + Stage1Annotations.HYPERVISOR + " is missing");
                return Optional.empty();
            }
            try {
                return Optional.of(Hypervisor.of(id.get()));
            } catch (IllegalArgumentException e) {
                problems.add("annotation " + Stage1Annotations.HYPERVISOR + ": " + e.getMessage());
                return Optional.empty();
            }
        }

        Optional<QemuInstall> qemu(Path binary) {
            Path loader = file(Stage1Annotations.LOADER_PATH, true);
            Path moduleDir = folder(Stage1Annotations.MODULE_DIR);
            Path firmwareDir = folder(Stage1Annotations.FIRMWARE_DIR);
            List<Path> libraryPath = new ArrayList<>();
            Optional<String> libraries = manifest.annotation(Stage1Annotations.LIBRARY_PATH);
            if (libraries.isEmpty()) {
                problems.add("annotation " + Stage1Annotations.LIBRARY_PATH + " is missing");
            }
            for (String dir : libraries.orElse("").split(":")) {
                if (!dir.isEmpty()) {
                    libraryPath.add(
                            require(dir, "annotation " + Stage1Annotations.LIBRARY_PATH, RootfsIndex.Type.DIRECTORY));
                }
            }
            if (!problems.isEmpty() || libraryPath.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new QemuInstall(loader, libraryPath, binary, moduleDir, firmwareDir));
        }

        Path file(String annotation, boolean required) {
            Optional<String> value = manifest.annotation(annotation);
            if (value.isEmpty()) {
                if (required) {
                    problems.add("annotation " + annotation + " is missing");
                }
                return null;
            }
            return require(value.get(), "annotation " + annotation, RootfsIndex.Type.FILE);
        }

        Path folder(String annotation) {
            Optional<String> value = manifest.annotation(annotation);
            if (value.isEmpty()) {
                problems.add("annotation " + annotation + " is missing");
                return null;
            }
            return require(value.get(), "annotation " + annotation, RootfsIndex.Type.DIRECTORY);
        }

        /** The host path of {@code guestPath} when it resolves inside the rootfs to an entry of {@code type}. */
        Path require(String guestPath, String what, RootfsIndex.Type type) {
            RootfsIndex.Resolution resolution = index.resolve(guestPath);
            if (resolution instanceof RootfsIndex.Found found
                    && matches(found.entry().type(), type)) {
                return rootfsOnHost.resolve(found.path());
            }
            String kind = type == RootfsIndex.Type.DIRECTORY ? "a folder" : "a regular file";
            problems.add(what + " names " + guestPath + ", which is not " + kind + " in the rootfs");
            return null;
        }

        private static boolean matches(RootfsIndex.Type actual, RootfsIndex.Type wanted) {
            return actual == wanted || (wanted == RootfsIndex.Type.FILE && actual == RootfsIndex.Type.HARDLINK);
        }
    }
}
