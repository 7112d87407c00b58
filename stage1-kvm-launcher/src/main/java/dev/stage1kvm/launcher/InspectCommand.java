package dev.stage1kvm.launcher;

import dev.stage1kvm.aci.AciEntry;
import dev.stage1kvm.aci.ImageManifest;
import dev.stage1kvm.aci.NameValue;
import dev.stage1kvm.aci.Stage1Annotations;
import dev.stage1kvm.build.Stage1Validator;
import dev.stage1kvm.hypervisor.InvalidStage1Exception;
import dev.stage1kvm.hypervisor.Stage1Files;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code stage1-kvm inspect IMAGE}: what a stage1 image holds and whether this launcher can start pods from it.
 * Exits 0 when it can, {@value Main#LAUNCHER_ERROR} after listing the problems when it cannot.
 */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Shows a stage1 image's manifest, sizes, kernel and hypervisor, and any problem with it.")
final class InspectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "IMAGE", description = "A stage1-kvm .aci file.")
    Path image;

    private final LauncherContext context;

    InspectCommand(LauncherContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(image)) {
            throw new LauncherException("stage1 image " + image + " does not exist; name a stage1-kvm .aci file");
        }
        Stage1Validator.Result result = Stage1Image.check(image);
        ImageManifest manifest = result.manifest();
        PrintStream out = context.out();
        row(
                out,
                "image",
                image + " (" + Files.size(image) + " bytes, "
                        + result.contents().compression().name().toLowerCase(java.util.Locale.ROOT) + ")");
        row(out, "image ID", result.contents().imageId());
        row(out, "name", manifest.name());
        manifest.labels().forEach(label -> row(out, "label " + label.name(), label.value()));
        sizes(out, result.contents().entries());
        row(
                out,
                "kernel version",
                manifest.annotation(Stage1Annotations.KERNEL_VERSION)
                        .or(() -> manifest.label("kernel-version"))
                        .orElse("not declared"));
        row(
                out,
                "hypervisor",
                manifest.annotation(Stage1Annotations.HYPERVISOR).orElse("not declared")
                        + manifest.annotation(Stage1Annotations.HYPERVISOR_PATH)
                                .map(p -> " at " + p)
                                .orElse(""));
        for (NameValue annotation : manifest.annotations()) {
            row(out, "annotation", annotation.name() + " = " + annotation.value());
        }
        Path stored = new ImageStore(
                        Locations.images(context.environment()), dev.stage1kvm.progress.BuildListener.SILENT)
                .folderOf(result.contents().imageId());
        row(out, "store", Files.isDirectory(stored) ? stored.toString() : "not extracted yet");
        List<String> problems = problems(result, stored);
        result.report().warnings().forEach(warning -> row(out, "warning", warning));
        problems.forEach(problem -> row(out, "problem", problem));
        if (!problems.isEmpty()) {
            throw new LauncherException(
                    "stage1 image " + image + " cannot start pods: " + problems.size() + " problems, listed above");
        }
        return 0;
    }

    private static List<String> problems(Stage1Validator.Result result, Path stored) {
        List<String> problems = new ArrayList<>(result.report().problems());
        try {
            Stage1Files.resolve(
                    result.manifest(), Stage1Validator.index(result.contents()), stored.resolve("rootfs"), "image");
        } catch (InvalidStage1Exception e) {
            problems.addAll(e.problems());
        }
        return problems;
    }

    private static void sizes(PrintStream out, List<AciEntry> entries) {
        long bytes = entries.stream().mapToLong(AciEntry::sizeBytes).sum();
        long files =
                entries.stream().filter(e -> e.type() == AciEntry.Type.FILE).count();
        row(out, "contents", entries.size() + " entries, " + files + " files, " + bytes + " bytes uncompressed");
        entries.stream()
                .filter(e -> e.name().equals("rootfs/kernel_image"))
                .findFirst()
                .ifPresent(kernel -> row(out, "kernel", "/kernel_image, " + kernel.sizeBytes() + " bytes"));
    }

    private static void row(PrintStream out, String key, String value) {
        out.printf("%-16s %s%n", key, value);
    }
}
