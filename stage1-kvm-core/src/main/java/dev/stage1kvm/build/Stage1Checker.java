package dev.stage1kvm.build;

import dev.stage1kvm.aci.ImageManifest;
import dev.stage1kvm.aci.ManifestValidator;
import dev.stage1kvm.aci.Stage1Annotations;
import dev.stage1kvm.hypervisor.Hypervisor;
import dev.stage1kvm.rootfs.RootfsIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The stage1 rules on top of appc's: every entrypoint annotation names an executable file, the kernel (and the initrd
 * the manifest names) is there, exactly one hypervisor binary is at the top, no symlink leaves the rootfs, and every
 * ELF interpreter exists.
 */
public final class Stage1Checker {

    private static final String KERNEL = "kernel_image";

    private Stage1Checker() {}

    /**
     * Findings of a check: problems make the image unusable, warnings do not. A link that dangles inside the rootfs is
     * neither: rkt's {@code /flavor -> kvm} is one by design, and packages ship others.
     */
    public record Report(List<String> problems, List<String> warnings) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * @param interpreters the {@code PT_INTERP} of each dynamically linked ELF file, by rootfs path
     */
    public static Report check(ImageManifest manifest, RootfsIndex rootfs, Map<String, String> interpreters) {
        List<String> problems = new ArrayList<>(ManifestValidator.stage1Problems(manifest));
        List<String> warnings = new ArrayList<>();
        checkEntrypoints(manifest, rootfs, problems);
        requireFile(rootfs, KERNEL, "the kernel", problems);
        manifest.annotation(Stage1Annotations.INITRD_PATH)
                .ifPresent(path ->
                        requireFile(rootfs, path, "the initrd (" + Stage1Annotations.INITRD_PATH + ")", problems));
        checkHypervisor(manifest, rootfs, problems);
        checkSymlinks(rootfs, problems, warnings);
        interpreters.forEach((binary, interpreter) -> {
            if (!(rootfs.resolve(interpreter) instanceof RootfsIndex.Found found)
                    || found.entry().type() == RootfsIndex.Type.DIRECTORY) {
                problems.add("/" + binary + " needs the ELF interpreter " + interpreter + ", which the rootfs lacks");
            }
        });
        return new Report(problems, warnings);
    }

    private static void checkEntrypoints(ImageManifest manifest, RootfsIndex rootfs, List<String> problems) {
        for (String name : Stage1Annotations.ENTRYPOINTS.keySet()) {
            manifest.annotation(name).ifPresent(path -> {
                RootfsIndex.Entry entry = requireFile(rootfs, path, "entrypoint " + name, problems);
                if (entry != null && (entry.mode() & 0111) == 0) {
                    problems.add("entrypoint " + name + " names " + path + ", which is not executable");
                }
            });
        }
    }

    private static void checkHypervisor(ImageManifest manifest, RootfsIndex rootfs, List<String> problems) {
        List<Hypervisor> present = Arrays.stream(Hypervisor.values())
                .filter(h -> rootfs.get(h.guestPath().substring(1)).isPresent())
                .toList();
        if (present.size() != 1) {
            problems.add("the rootfs must hold exactly one of /lkvm and /qemu, found "
                    + (present.isEmpty() ? "neither" : "both"));
            return;
        }
        Hypervisor hypervisor = present.get(0);
        requireFile(rootfs, hypervisor.guestPath(), "the hypervisor", problems);
        manifest.annotation(Stage1Annotations.HYPERVISOR)
                .filter(id -> !id.equals(hypervisor.id()))
                .ifPresent(id -> problems.add("annotation " + Stage1Annotations.HYPERVISOR + " says '" + id
                        + "' but the rootfs holds " + hypervisor.guestPath()));
    }

    private static void checkSymlinks(RootfsIndex rootfs, List<String> problems, List<String> warnings) {
        rootfs.entries().forEach((path, entry) -> {
            if (entry.type() != RootfsIndex.Type.SYMLINK) {
                return;
            }
            RootfsIndex.Resolution resolution = rootfs.resolve(path);
            if (resolution instanceof RootfsIndex.Escapes) {
                problems.add("symlink /" + path + " -> " + entry.linkTarget() + " leaves the rootfs");
            } else if (resolution instanceof RootfsIndex.Loop) {
                problems.add("symlink /" + path + " -> " + entry.linkTarget() + " loops");
            }
        });
    }

    private static RootfsIndex.Entry requireFile(RootfsIndex rootfs, String path, String what, List<String> problems) {
        RootfsIndex.Resolution resolution = rootfs.resolve(path);
        if (resolution instanceof RootfsIndex.Found found) {
            RootfsIndex.Entry entry = found.entry();
            if (entry.type() == RootfsIndex.Type.HARDLINK) {
                entry = rootfs.get(entry.linkTarget()).orElse(entry);
            }
            if (entry.type() == RootfsIndex.Type.FILE) {
                return entry;
            }
        }
        problems.add(what + " " + (path.startsWith("/") ? path : "/" + path) + " is missing or not a regular file");
        return null;
    }
}
