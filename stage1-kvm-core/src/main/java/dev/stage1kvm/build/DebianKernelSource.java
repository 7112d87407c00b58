package dev.stage1kvm.build;

import dev.stage1kvm.deb.DebArchive;
import dev.stage1kvm.deb.DebFormatException;
import dev.stage1kvm.progress.BuildListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The default kernel source: the tarball in Debian's {@value DebianInputs#KERNEL_SOURCE_PACKAGE} package, fetched
 * through the build's Debian client (same sources, cache and lock file as the userland) and taken out of the
 * {@code .deb} into the content-addressed cache. The kernel build is keyed on the tarball's bytes, so the same tarball
 * from this package or from {@code /usr/src} on a Debian host shares one cached kernel.
 */
public final class DebianKernelSource implements KernelSource {

    /** Where the package keeps the tarball (Debian's linux-source packages: {@code /usr/src/<package>.tar.xz}). */
    static final String TARBALL_PATH = "usr/src/" + DebianInputs.KERNEL_SOURCE_PACKAGE + ".tar.xz";

    private final DebianInputs debian;
    private final BuildListener listener;
    private Path tarball;

    public DebianKernelSource(DebianInputs debian, BuildListener listener) {
        this.debian = debian;
        this.listener = listener;
    }

    @Override
    public String description() {
        return "Debian's " + DebianInputs.KERNEL_SOURCE_PACKAGE + " (pinned in "
                + debian.settings().lockFile().getFileName() + ")";
    }

    @Override
    public Path fetch() throws IOException {
        if (tarball == null) {
            Path deb =
                    debian.fetch(List.of(DebianInputs.KERNEL_SOURCE_PACKAGE)).get(DebianInputs.KERNEL_SOURCE_PACKAGE);
            listener.info("Kernel: taking /" + TARBALL_PATH + " out of " + deb.getFileName());
            tarball = new DebArchive(deb)
                    .extract(TARBALL_PATH, debian.settings().cache())
                    .orElseThrow(() -> new DebFormatException(
                            deb.toString(),
                            null,
                            DebianInputs.KERNEL_SOURCE_PACKAGE + " holds no file /" + TARBALL_PATH
                                    + "; the package is not the kernel source package this build expects"));
            listener.debug("Kernel: source tarball " + tarball);
        }
        return tarball;
    }
}
