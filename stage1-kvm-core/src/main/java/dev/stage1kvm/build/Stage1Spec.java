package dev.stage1kvm.build;

import dev.stage1kvm.aci.AcIdentifier;
import dev.stage1kvm.aci.Compression;
import dev.stage1kvm.aci.ManifestValidator;
import dev.stage1kvm.hypervisor.Hypervisor;
import dev.stage1kvm.rootfs.RootfsInput;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a stage1 build needs, checked on construction.
 *
 * @param buildLogDirectory where the full log of each part built from source is kept ({@code kernel-build.log},
 *     {@code lkvm-build.log}), created when a part is built
 * @param commonInputs added to the rootfs every image shares, in order (later wins)
 * @param overlayInputs per hypervisor, added on top of the common rootfs (the overlay wins)
 * @param kernel placed at {@code /kernel_image}; its release becomes the {@code kernelversion} label
 * @param entrypoints rkt's entrypoint programs; when present the manifest names them
 */
public record Stage1Spec(
        String name,
        String version,
        String arch,
        List<Hypervisor> hypervisors,
        Compression compression,
        Path outputDirectory,
        Path buildLogDirectory,
        Instant mtime,
        List<RootfsInput> commonInputs,
        Map<Hypervisor, List<RootfsInput>> overlayInputs,
        KernelInput kernel,
        Optional<RootfsInput> entrypoints) {

    public static final String DEFAULT_NAME = "coreos.com/rkt/stage1-kvm";

    /** The file name rkt's build gave a stage1 built for a single hypervisor. */
    public static final String SINGLE_IMAGE_FILE = "stage1-kvm.aci";

    public Stage1Spec {
        String nameProblem = AcIdentifier.identifierProblem(name);
        if (nameProblem != null) {
            throw new InvalidSpecException("name", name, nameProblem);
        }
        if (version == null || version.isBlank()) {
            throw new InvalidSpecException("version", version, "must not be empty");
        }
        if (!ManifestValidator.STAGE1_ARCHES.contains(arch)) {
            throw new InvalidSpecException(
                    "arch",
                    arch,
                    "is not supported, expected one of " + String.join(", ", ManifestValidator.STAGE1_ARCHES));
        }
        if (hypervisors.isEmpty()) {
            throw new InvalidSpecException("hypervisors", "", "names no hypervisor, expected lkvm, qemu or both");
        }
        if (new HashSet<>(hypervisors).size() != hypervisors.size()) {
            throw new InvalidSpecException("hypervisors", hypervisors.toString(), "names a hypervisor twice");
        }
        hypervisors = List.copyOf(hypervisors);
        commonInputs = List.copyOf(commonInputs);
        overlayInputs = Map.copyOf(overlayInputs);
    }

    /** {@code stage1-kvm.aci} for one hypervisor, {@code stage1-kvm-<hv>.aci} for each of several (rkt's names). */
    public Path imagePath(Hypervisor hypervisor) {
        String file = hypervisors.size() == 1 ? SINGLE_IMAGE_FILE : "stage1-kvm-" + hypervisor.id() + ".aci";
        return outputDirectory.resolve(file);
    }

    /**
     * Parses a comma-separated list of hypervisor names.
     *
     * @throws InvalidSpecException naming the bad or repeated value
     */
    public static List<Hypervisor> parseHypervisors(String list) {
        List<Hypervisor> hypervisors = new java.util.ArrayList<>();
        for (String item : list.split(",", -1)) {
            Hypervisor hypervisor;
            try {
                hypervisor = Hypervisor.of(item);
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException("hypervisors", list, e.getMessage());
            }
            if (hypervisors.contains(hypervisor)) {
                throw new InvalidSpecException("hypervisors", list, "names '" + hypervisor + "' twice");
            }
            hypervisors.add(hypervisor);
        }
        return hypervisors;
    }
}
