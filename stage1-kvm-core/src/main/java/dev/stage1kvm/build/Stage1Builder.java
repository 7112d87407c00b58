package dev.stage1kvm.build;

import dev.stage1kvm.aci.AciResult;
import dev.stage1kvm.aci.AciWriter;
import dev.stage1kvm.aci.ImageManifest;
import dev.stage1kvm.aci.ManifestJson;
import dev.stage1kvm.aci.NameValue;
import dev.stage1kvm.aci.Stage1Annotations;
import dev.stage1kvm.hypervisor.Hypervisor;
import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.RootfsInput;
import dev.stage1kvm.rootfs.Stage1Layout;
import dev.stage1kvm.rootfs.StagedTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds stage1 images as a recipe of named steps: check the build tools, stage the common rootfs, stage each
 * hypervisor's image on top of it and check it, then write every image. Parts built from source leave their build
 * logs in the spec's log folder. Nothing is written until every image has
 * passed its checks. {@link #fetch} runs only the downloads, for a later offline build.
 */
public final class Stage1Builder {

    /** The label that names the kernel release of the image, for people and tools that list images. */
    public static final String KERNEL_VERSION_LABEL = "kernelversion";

    private final BuildListener listener;
    private final Steps steps;

    public Stage1Builder(BuildListener listener) {
        this.listener = listener;
        this.steps = new Steps(listener);
    }

    /** A finished image. */
    public record Stage1Image(Hypervisor hypervisor, Path path, String imageId, long sizeBytes) {}

    public List<Stage1Image> build(Stage1Spec spec) throws IOException {
        List<ToolsInput> built = inputs(spec, ToolsInput.class);
        if (!built.isEmpty()) {
            steps.run("Checking build tools", () -> {
                built.forEach(ToolsInput::requireTools);
                return null;
            });
        }
        steps.run(
                "Checking output folder " + spec.outputDirectory(),
                () -> OutputFiles.requireWritableFolder(spec.outputDirectory()));
        StagedTree common = steps.run("Staging the common rootfs", () -> stageCommon(spec));
        Map<Hypervisor, StagedTree> trees = new LinkedHashMap<>();
        Map<Hypervisor, ImageManifest> manifests = new LinkedHashMap<>();
        for (Hypervisor hypervisor : spec.hypervisors()) {
            StagedTree tree =
                    steps.run("Staging the " + hypervisor + " overlay", () -> stageOverlay(spec, hypervisor, common));
            ImageManifest manifest = manifest(spec, hypervisor, tree);
            steps.run("Checking the " + hypervisor + " image against the stage1 rules", () -> check(manifest, tree));
            trees.put(hypervisor, tree);
            manifests.put(hypervisor, manifest);
        }
        List<Stage1Image> images = new ArrayList<>();
        for (Hypervisor hypervisor : spec.hypervisors()) {
            Path target = spec.imagePath(hypervisor);
            images.add(steps.run(
                    "Writing " + target.getFileName(),
                    () -> write(spec, hypervisor, manifests.get(hypervisor), trees.get(hypervisor))));
        }
        for (Stage1Image image : images) {
            listener.info(image.path().getFileName() + ": " + OutputFiles.humanSize(image.sizeBytes()) + ", "
                    + image.imageId());
        }
        return images;
    }

    /**
     * Downloads into the caches everything the spec's inputs need (Debian packages, kernel sources), so that a build
     * of the same spec works offline; stages and writes nothing.
     *
     * @return the number of inputs that fetched
     */
    public int fetch(Stage1Spec spec) throws IOException {
        List<RemoteInput> remote = inputs(spec, RemoteInput.class);
        for (RemoteInput input : remote) {
            steps.run("Fetching " + input.description(), () -> {
                input.fetch();
                return null;
            });
        }
        return remote.size();
    }

    /** The spec's inputs of one kind, in the order a build adds them. */
    private static <T> List<T> inputs(Stage1Spec spec, Class<T> kind) {
        List<RootfsInput> all = new ArrayList<>(spec.commonInputs());
        all.add(spec.kernel());
        spec.entrypoints().ifPresent(all::add);
        spec.hypervisors().forEach(hv -> all.addAll(spec.overlayInputs().getOrDefault(hv, List.of())));
        return all.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private StagedTree stageCommon(Stage1Spec spec) throws IOException {
        StagedTree tree = Stage1Layout.skeleton();
        List<RootfsInput> inputs = new ArrayList<>(spec.commonInputs());
        inputs.add(spec.kernel());
        spec.entrypoints().ifPresent(inputs::add);
        for (RootfsInput input : inputs) {
            listener.debug("Adding " + input.description());
            add(spec, input, tree);
        }
        listener.debug("Common rootfs: " + tree.size() + " entries");
        return tree;
    }

    private StagedTree stageOverlay(Stage1Spec spec, Hypervisor hypervisor, StagedTree common) throws IOException {
        StagedTree overlay = new StagedTree();
        for (RootfsInput input : spec.overlayInputs().getOrDefault(hypervisor, List.of())) {
            listener.debug("Adding " + input.description() + " (" + hypervisor + " only)");
            add(spec, input, overlay);
        }
        return common.copy().overlay(overlay);
    }

    /** An input built on this host also leaves its build log in the spec's log folder. */
    private static void add(Stage1Spec spec, RootfsInput input, StagedTree tree) throws IOException {
        if (input instanceof ToolsInput built) {
            built.addTo(tree, spec.buildLogDirectory());
        } else {
            input.addTo(tree);
        }
    }

    private ImageManifest manifest(Stage1Spec spec, Hypervisor hypervisor, StagedTree tree) {
        List<NameValue> labels = new ArrayList<>(List.of(
                new NameValue("version", spec.version()),
                new NameValue("arch", spec.arch()),
                new NameValue("os", "linux")));
        spec.kernel().release().ifPresent(release -> labels.add(new NameValue(KERNEL_VERSION_LABEL, release)));
        List<NameValue> annotations = new ArrayList<>();
        if (spec.entrypoints().isPresent()) {
            Stage1Annotations.ENTRYPOINTS.forEach((name, path) -> annotations.add(new NameValue(name, path)));
            annotations.add(
                    new NameValue(Stage1Annotations.INTERFACE_VERSION, Stage1Annotations.INTERFACE_VERSION_VALUE));
        }
        annotations.add(new NameValue(Stage1Annotations.HYPERVISOR, hypervisor.id()));
        annotations.add(new NameValue(Stage1Annotations.HYPERVISOR_PATH, hypervisor.guestPath()));
        annotations.add(new NameValue(Stage1Annotations.KERNEL_PATH, Stage1Layout.KERNEL_PATH));
        spec.kernel()
                .initrdPath()
                .ifPresent(path -> annotations.add(new NameValue(Stage1Annotations.INITRD_PATH, path)));
        spec.kernel()
                .release()
                .ifPresent(release -> annotations.add(new NameValue(Stage1Annotations.KERNEL_VERSION, release)));
        annotations.addAll(inputAnnotations(spec, hypervisor, tree));
        return ImageManifest.of(spec.name(), labels, annotations);
    }

    /** The annotations the common inputs and the hypervisor's own inputs name, read from its finished rootfs. */
    private List<NameValue> inputAnnotations(Stage1Spec spec, Hypervisor hypervisor, StagedTree tree) {
        List<NameValue> annotations = new ArrayList<>();
        List<RootfsInput> inputs = new ArrayList<>(spec.commonInputs());
        inputs.addAll(spec.overlayInputs().getOrDefault(hypervisor, List.of()));
        for (RootfsInput input : inputs) {
            if (input instanceof AnnotatingInput annotating) {
                List<NameValue> added = annotating.annotations(tree.index());
                listener.debug(input.description() + " annotates the " + hypervisor + " manifest with " + added);
                annotations.addAll(added);
            }
        }
        return annotations;
    }

    private Void check(ImageManifest manifest, StagedTree tree) throws IOException {
        Stage1Checker.Report report = Stage1Checker.check(manifest, tree.index(), ElfInterpreters.of(tree));
        report.warnings().forEach(listener::warn);
        if (!report.ok()) {
            throw new Stage1RuleException(
                    manifest.annotation(Stage1Annotations.HYPERVISOR).orElse("?"), report.problems());
        }
        return null;
    }

    private Stage1Image write(Stage1Spec spec, Hypervisor hypervisor, ImageManifest manifest, StagedTree tree)
            throws IOException {
        Path target = spec.imagePath(hypervisor);
        AciResult result = new AciWriter(listener)
                .write(target, ManifestJson.write(manifest), tree, spec.compression(), spec.mtime());
        OutputFiles.writeAtomically(OutputFiles.idFile(target), result.imageId() + "\n");
        return new Stage1Image(hypervisor, result.path(), result.imageId(), result.sizeBytes());
    }
}
