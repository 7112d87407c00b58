package dev.stage1kvm.maven;

import dev.stage1kvm.build.Stage1Builder;
import dev.stage1kvm.build.Stage1Builder.Stage1Image;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Assembles stage1 ACIs: {@code stage1-kvm.aci} for one hypervisor, {@code stage1-kvm-<hv>.aci} for each of several,
 * each beside an {@code .aci.id} file holding its image ID. With no configuration the image holds Debian's systemd
 * and QEMU and a kernel built from Debian's {@code linux-source-6.1}.
 */
@Mojo(name = "assemble", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class AssembleMojo extends AbstractStage1Mojo {

    /** Attaches each image to the project (type {@code aci}, classifier {@code stage1-kvm[-<hv>]}). Default true. */
    @Parameter(property = PropertyNames.ATTACH, defaultValue = "true")
    private boolean attach;

    @Component
    private MavenProjectHelper projectHelper;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping stage1 assembly (" + PropertyNames.SKIP + "=true)");
            return;
        }
        Errors.translate(() -> {
            List<Stage1Image> images =
                    new Stage1Builder(new MavenLogListener(getLog())).build(new Stage1SpecFactory(this).spec());
            if (attach) {
                images.forEach(this::attach);
            }
        });
    }

    private void attach(Stage1Image image) {
        String classifier = image.path().getFileName().toString().replaceFirst("\\.aci$", "");
        projectHelper.attachArtifact(project, "aci", classifier, image.path().toFile());
        getLog().debug("Attached " + image.path().getFileName() + " with classifier " + classifier);
    }
}
