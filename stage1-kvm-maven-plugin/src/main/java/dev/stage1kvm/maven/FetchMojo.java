package dev.stage1kvm.maven;

import dev.stage1kvm.build.Stage1Builder;
import dev.stage1kvm.deb.DebCache;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Downloads into the user's cache everything {@code assemble} needs with the same configuration: the Debian packages
 * of the userland and QEMU (pinned in the lock file, which is written when missing) and the kernel source, so that
 * {@code mvn -o package} then builds offline. Builds and writes no image.
 */
@Mojo(name = "fetch", threadSafe = true)
public class FetchMojo extends AbstractStage1Mojo {

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping stage1 fetch (" + PropertyNames.SKIP + "=true)");
            return;
        }
        Errors.translate(() -> {
            int fetched = new Stage1Builder(new MavenLogListener(getLog())).fetch(new Stage1SpecFactory(this).spec());
            getLog().info(
                            fetched == 0
                                    ? "Nothing to fetch: every input of this configuration is on this host"
                                    : "Fetched what " + fetched + " inputs need into " + DebCache.defaultRoot()
                                            + "; mvn -o package now builds without the network");
        });
    }
}
