package dev.stage1kvm.maven;

import dev.stage1kvm.build.Stage1Validator;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks ACIs as appc's {@code actool validate} does, plus the stage1 rules: every entrypoint annotation names an
 * executable file, {@code /kernel_image} exists, exactly one of {@code /lkvm} and {@code /qemu}, symlinks stay
 * inside the rootfs, ELF interpreters exist.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = false)
public class ValidateMojo extends AbstractMojo {

    /** The image to check; property {@code stage1.image}. Default: every {@code stage1-kvm*.aci} in outputDirectory. */
    @Parameter(property = PropertyNames.IMAGE)
    private File image;

    /** Where to look for images when {@code image} is not set. Default {@code ${project.build.directory}}. */
    @Parameter(property = PropertyNames.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}")
    private File outputDirectory;

    /** Skips the goal. Property {@code stage1.skip}. */
    @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping stage1 validation (" + PropertyNames.SKIP + "=true)");
            return;
        }
        List<Path> images = images();
        List<String> failures = new ArrayList<>();
        Errors.translate(() -> {
            for (Path path : images) {
                failures.addAll(validate(path));
            }
        });
        if (!failures.isEmpty()) {
            throw new MojoFailureException("Stage1 validation failed:\n  " + String.join("\n  ", failures));
        }
    }

    private List<String> validate(Path path) throws IOException {
        Stage1Validator.Result result = Stage1Validator.validate(path);
        result.report().warnings().forEach(w -> getLog().warn(path.getFileName() + ": " + w));
        if (result.report().ok()) {
            getLog().info("Validated " + path + ": "
                    + result.contents().entries().size() + " entries, "
                    + result.contents().imageId());
        }
        return result.report().problems().stream()
                .map(p -> path.getFileName() + ": " + p)
                .toList();
    }

    private List<Path> images() throws MojoFailureException {
        if (image != null) {
            if (!image.isFile()) {
                throw new MojoFailureException("Invalid <image> (-D" + PropertyNames.IMAGE + ") '" + image
                        + "': no such file; point it at an .aci file");
            }
            return List.of(image.toPath());
        }
        List<Path> found = new ArrayList<>();
        if (outputDirectory.isDirectory()) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(outputDirectory.toPath(), "stage1-kvm*.aci")) {
                stream.forEach(found::add);
            } catch (IOException e) {
                throw new MojoFailureException("Cannot list " + outputDirectory + ": " + e.getMessage(), e);
            }
        }
        if (found.isEmpty()) {
            throw new MojoFailureException("No stage1-kvm*.aci in " + outputDirectory + "; run the assemble goal first"
                    + " or set -D" + PropertyNames.IMAGE + "=path/to/image.aci");
        }
        found.sort(null);
        return found;
    }
}
