package dev.stage1kvm.maven;

import dev.stage1kvm.aci.Compression;
import dev.stage1kvm.build.DebianKernelInput;
import dev.stage1kvm.build.DebianPackageSet;
import dev.stage1kvm.build.DebianUserland;
import dev.stage1kvm.build.EntrypointsInput;
import dev.stage1kvm.build.KernelBuildInput;
import dev.stage1kvm.build.KernelInput;
import dev.stage1kvm.build.LkvmBuildInput;
import dev.stage1kvm.build.OutputTimestamp;
import dev.stage1kvm.build.PrebuiltKernelInput;
import dev.stage1kvm.build.Stage1Builder;
import dev.stage1kvm.build.Stage1Builder.Stage1Image;
import dev.stage1kvm.build.Stage1Spec;
import dev.stage1kvm.deb.DebCache;
import dev.stage1kvm.deb.DebianSources;
import dev.stage1kvm.deb.LockFile;
import dev.stage1kvm.hypervisor.Hypervisor;
import dev.stage1kvm.lkvm.LkvmBuildRequest;
import dev.stage1kvm.lkvm.LkvmInput;
import dev.stage1kvm.rootfs.HostPathInput;
import dev.stage1kvm.rootfs.RootfsInput;
import dev.stage1kvm.rootfs.RootfsPath;
import dev.stage1kvm.rootfs.Stage1Assets;
import dev.stage1kvm.rootfs.Stage1Layout;
import dev.stage1kvm.source.BuildCache;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Assembles stage1 ACIs: {@code stage1-kvm.aci} for one hypervisor, {@code stage1-kvm-<hv>.aci} for each of several,
 * each beside an {@code .aci.id} file holding its image ID.
 */
@Mojo(name = "assemble", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class AssembleMojo extends AbstractMojo {

    static final String USERLAND_NONE = "none";
    static final String USERLAND_DEBIAN = "debian";
    static final String KERNEL_ORIGIN_SOURCE = "source";
    static final String KERNEL_ORIGIN_DEBIAN = "debian";

    /** Comma-separated hypervisors, {@code lkvm} and/or {@code qemu}. Default {@code qemu}. */
    @Parameter(property = PropertyNames.HYPERVISORS, defaultValue = "qemu")
    private String hypervisors;

    /** The image name (an appc identifier). Default {@code coreos.com/rkt/stage1-kvm}. */
    @Parameter(property = PropertyNames.NAME, defaultValue = Stage1Spec.DEFAULT_NAME)
    private String name;

    /** The {@code version} label. Default the project version. */
    @Parameter(property = PropertyNames.VERSION, defaultValue = "${project.version}")
    private String version;

    /** The {@code arch} label, {@code amd64} or {@code aarch64}. Default {@code amd64}. */
    @Parameter(property = PropertyNames.ARCH, defaultValue = "amd64")
    private String arch;

    /** {@code gzip}, {@code xz}, {@code bzip2} or {@code none}. Default {@code gzip}. */
    @Parameter(property = PropertyNames.COMPRESSION, defaultValue = "gzip")
    private String compression;

    /** Where the images go. Default {@code ${project.build.directory}}. */
    @Parameter(property = PropertyNames.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}")
    private File outputDirectory;

    /**
     * The mtime of every entry: ISO-8601 or seconds since 1970. Default {@code ${project.build.outputTimestamp}};
     * when that is unset, {@code SOURCE_DATE_EPOCH}; then a fixed date.
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /** Folders and files mapped into every image's rootfs, or into one hypervisor's. */
    @Parameter
    private List<Input> inputs = new ArrayList<>();

    /** The kernel file, placed at {@code /kernel_image}. Required. */
    @Parameter(property = PropertyNames.KERNEL)
    private File kernel;

    /**
     * A kernel source tarball (e.g. {@code /usr/src/linux-source-6.1.tar.xz}) to build the kernel from, in place of
     * {@code <kernel>}: {@code tinyconfig} + the project's fragment + {@code olddefconfig}, checked against the
     * required options, built once and then taken from the cache under {@code ~/.cache/stage1-kvm/kernel}.
     */
    @Parameter(property = PropertyNames.KERNEL_SOURCE)
    private File kernelSource;

    /** A kernel config fragment that replaces the project's one for {@code <kernelSource>}. */
    @Parameter(property = PropertyNames.KERNEL_FRAGMENT)
    private File kernelFragment;

    /**
     * Where the kernel comes from: {@code source} (built from {@code <kernelSource>}, or the prebuilt {@code <kernel>})
     * or {@code debian} (Debian bookworm's generic kernel with an initramfs of its 9p and virtio modules at
     * {@code /initrd.img}, fetched and verified into the user's cache and pinned in the lock file; needs no compiler,
     * boots about 7 s slower under TCG). Default {@code source}. Property {@code stage1.kernelOrigin}.
     */
    @Parameter(property = PropertyNames.KERNEL_ORIGIN, defaultValue = KERNEL_ORIGIN_SOURCE)
    private String kernelOrigin;

    /** A prebuilt, statically linked lkvm, placed at {@code /lkvm} in the lkvm image. */
    @Parameter(property = PropertyNames.LKVM)
    private File lkvm;

    /**
     * A kvmtool git repository (any URL or path JGit takes) to build lkvm from with {@code make lkvm-static}, in
     * place of {@code <lkvm>}; cloned into {@code ~/.cache/stage1-kvm/git} and built once per commit.
     */
    @Parameter(property = PropertyNames.LKVM_SOURCE)
    private String lkvmSource;

    /** The kvmtool commit to build (40 hex digits). Default: the commit rkt's build pinned. */
    @Parameter(property = PropertyNames.LKVM_COMMIT, defaultValue = LkvmBuildRequest.RKT_COMMIT_ID)
    private String lkvmCommit;

    /** Maven's offline switch ({@code -o}): packages and sources then come from the caches only. */
    @Parameter(defaultValue = "${settings.offline}", readonly = true)
    private boolean offline;

    /** A folder of rkt's entrypoint programs ({@code init}, {@code enter_kvm}, ...); the manifest then names them. */
    @Parameter(property = PropertyNames.ENTRYPOINTS)
    private File entrypoints;

    /**
     * Where the userland comes from: {@code none} (only the inputs) or {@code debian} (systemd and, in the QEMU image,
     * QEMU from Debian bookworm's packages, fetched and verified into the user's cache). Default {@code none}; it
     * becomes {@code debian} once the kernel is built by the goal. Property {@code stage1.userland}.
     */
    @Parameter(property = PropertyNames.USERLAND, defaultValue = USERLAND_NONE)
    private String userland;

    /**
     * The lock file pinning every Debian package of the build (the userland's, Debian's kernel's): followed when it
     * exists, written when it does not; commit it. Default {@code ${project.basedir}/stage1-kvm.lock}. Property {@code stage1.lockFile}.
     */
    @Parameter(property = PropertyNames.LOCK_FILE, defaultValue = "${project.basedir}/" + LockFile.FILE_NAME)
    private File lockFile;

    /** Deletes the lock file and re-resolves the Debian packages. Default false, property {@code stage1.updateLock}. */
    @Parameter(property = PropertyNames.UPDATE_LOCK, defaultValue = "false")
    private boolean updateLock;

    /** A folder of the goal's own for the unpacked packages the ELF closure searches; replaced on each build. */
    @Parameter(defaultValue = "${project.build.directory}/stage1-kvm-work", readonly = true)
    private File workDirectory;

    /** Attaches each image to the project (type {@code aci}, classifier {@code stage1-kvm[-<hv>]}). Default true. */
    @Parameter(property = PropertyNames.ATTACH, defaultValue = "true")
    private boolean attach;

    /** Skips the goal. Property {@code stage1.skip}. */
    @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Component
    private MavenProjectHelper projectHelper;

    /** The build's Debian packages, once anything asks for one: the userland, Debian's kernel. */
    private DebianPackageSet debianPackages;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping stage1 assembly (" + PropertyNames.SKIP + "=true)");
            return;
        }
        Errors.translate(() -> {
            Stage1Spec spec = spec();
            List<Stage1Image> images = new Stage1Builder(new MavenLogListener(getLog())).build(spec);
            if (attach) {
                images.forEach(this::attach);
            }
        });
    }

    private Stage1Spec spec() throws MojoFailureException, IOException {
        List<Hypervisor> chosen = Stage1Spec.parseHypervisors(hypervisors);
        OutputTimestamp.Choice mtime = OutputTimestamp.choose(outputTimestamp, System.getenv("SOURCE_DATE_EPOCH"));
        getLog().info("Entry timestamps " + mtime.instant() + " (" + mtime.reason() + ")");
        List<RootfsInput> common = new ArrayList<>();
        Map<Hypervisor, List<RootfsInput>> overlays = new LinkedHashMap<>();
        addUserland(chosen, common, overlays);
        for (Input input : inputs) {
            RootfsInput rootfsInput = toRootfsInput(input);
            if (input.hypervisor == null) {
                common.add(rootfsInput);
                continue;
            }
            Hypervisor hypervisor = overlayHypervisor(input);
            if (chosen.contains(hypervisor)) {
                overlays.computeIfAbsent(hypervisor, h -> new ArrayList<>()).add(rootfsInput);
            } else {
                getLog().info("Leaving out " + input + ": " + hypervisor + " is not in -D" + PropertyNames.HYPERVISORS);
            }
        }
        KernelInput kernelInput = kernelInput();
        lkvmInput(chosen)
                .ifPresent(input -> overlays.computeIfAbsent(Hypervisor.LKVM, h -> new ArrayList<>())
                        .add(0, input));
        return new Stage1Spec(
                name,
                version,
                arch,
                chosen,
                Compression.parse(compression),
                outputDirectory.toPath(),
                mtime.instant(),
                common,
                overlays,
                kernelInput,
                Optional.ofNullable(entrypoints).map(f -> new EntrypointsInput(f.toPath(), "<entrypoints>")));
    }

    /** Comes first in the lkvm overlay, so that an {@code <input>} for lkvm can still replace it. */
    private Optional<RootfsInput> lkvmInput(List<Hypervisor> chosen) throws MojoFailureException {
        if (lkvm != null && lkvmSource != null) {
            throw new MojoFailureException("<lkvm> and <lkvmSource> are both set; keep one: a prebuilt static lkvm or"
                    + " a kvmtool repository to build it from");
        }
        if (!chosen.contains(Hypervisor.LKVM) || (lkvm == null && lkvmSource == null)) {
            return Optional.empty();
        }
        if (lkvm != null) {
            return Optional.of(LkvmInput.prebuilt(lkvm.toPath(), "<lkvm>"));
        }
        return Optional.of(
                LkvmBuildInput.of(lkvmSource, lkvmCommit, offline, new MavenLogListener(getLog()), "<lkvmSource>"));
    }

    /** The kernel input that {@code <kernelOrigin>} chooses. */
    private KernelInput kernelInput() throws MojoFailureException, IOException {
        switch (kernelOrigin) {
            case KERNEL_ORIGIN_SOURCE:
                return sourceOrPrebuiltKernel();
            case KERNEL_ORIGIN_DEBIAN:
                return debianKernel();
            default:
                throw new MojoFailureException("Invalid <kernelOrigin> (-D" + PropertyNames.KERNEL_ORIGIN + ") '"
                        + kernelOrigin + "': expected " + KERNEL_ORIGIN_SOURCE + " or " + KERNEL_ORIGIN_DEBIAN);
        }
    }

    private KernelInput debianKernel() throws MojoFailureException {
        String setting = kernel != null ? "<kernel>" : kernelSource != null ? "<kernelSource>" : "<kernelFragment>";
        if (kernel != null || kernelSource != null || kernelFragment != null) {
            throw new MojoFailureException("<kernelOrigin>" + KERNEL_ORIGIN_DEBIAN + "</kernelOrigin> takes Debian's"
                    + " kernel, but " + setting + " is set too; remove " + setting + ", or set <kernelOrigin>"
                    + KERNEL_ORIGIN_SOURCE + "</kernelOrigin>");
        }
        if (!arch.equals("amd64")) {
            throw new MojoFailureException("<kernelOrigin>" + KERNEL_ORIGIN_DEBIAN
                    + "</kernelOrigin> is for <arch>amd64"
                    + "</arch> only (the Debian sources are bookworm amd64); use <kernelOrigin>" + KERNEL_ORIGIN_SOURCE
                    + "</kernelOrigin> for " + arch);
        }
        getLog().info("Kernel from Debian: the generic kernel and an initramfs of its 9p and virtio modules"
                + " (<kernelOrigin>" + KERNEL_ORIGIN_DEBIAN + "</kernelOrigin>, -D" + PropertyNames.KERNEL_ORIGIN
                + ")");
        return new DebianKernelInput(
                debianPackages(),
                new BuildCache(BuildCache.defaultRoot()),
                Stage1Assets.fromClasspath(),
                DebianKernelInput.DEFAULT_COMPRESSION,
                new MavenLogListener(getLog()),
                "<kernelOrigin>" + KERNEL_ORIGIN_DEBIAN + "</kernelOrigin>");
    }

    private KernelInput sourceOrPrebuiltKernel() throws MojoFailureException, IOException {
        if (kernel != null && kernelSource != null) {
            throw new MojoFailureException("<kernel> and <kernelSource> are both set; keep one: a prebuilt kernel file"
                    + " or a source tarball to build it from");
        }
        if (kernelSource != null) {
            return KernelBuildInput.of(
                    kernelSource.toPath(),
                    Optional.ofNullable(kernelFragment).map(File::toPath),
                    arch,
                    new MavenLogListener(getLog()),
                    "<kernelSource>");
        }
        if (kernel == null) {
            throw new MojoFailureException("<kernel> is not set; point it (or -D" + PropertyNames.KERNEL
                    + ") at the kernel image (bzImage) to place at " + Stage1Layout.KERNEL_PATH
                    + ", or set <kernelSource> (-D" + PropertyNames.KERNEL_SOURCE + ") to build one");
        }
        return new PrebuiltKernelInput(kernel.toPath(), "<kernel>", arch.equals("amd64"));
    }

    /** The Debian userland goes first, so that the project's own inputs win over it. */
    private void addUserland(
            List<Hypervisor> chosen, List<RootfsInput> common, Map<Hypervisor, List<RootfsInput>> overlays)
            throws MojoFailureException {
        if (USERLAND_NONE.equals(userland)) {
            getLog().info("No Debian userland (<userland>" + USERLAND_NONE + "</userland>, -D" + PropertyNames.USERLAND
                    + "): the image holds only the inputs");
            return;
        }
        if (!USERLAND_DEBIAN.equals(userland)) {
            throw new MojoFailureException("Invalid <userland> (-D" + PropertyNames.USERLAND + ") '" + userland
                    + "': expected " + USERLAND_DEBIAN + " or " + USERLAND_NONE);
        }
        DebianUserland debian = new DebianUserland(
                debianPackages(), workDirectory.toPath(), Stage1Assets.fromClasspath(), new MavenLogListener(getLog()));
        common.add(debian.common());
        for (Hypervisor hypervisor : chosen) {
            debian.overlay(hypervisor)
                    .ifPresent(input -> overlays.computeIfAbsent(hypervisor, h -> new ArrayList<>())
                            .add(input));
        }
    }

    private DebianPackageSet debianPackages() {
        if (debianPackages != null) {
            return debianPackages;
        }
        if (updateLock) {
            getLog().info("Resolving the Debian packages anew: " + lockFile + " is replaced (-D"
                    + PropertyNames.UPDATE_LOCK + ")");
        }
        if (offline) {
            getLog().info("Offline (-o): the Debian packages come from the cache " + DebCache.defaultRoot());
        }
        debianPackages = new DebianPackageSet(
                new DebianPackageSet.Settings(
                        DebianSources.bookworm(),
                        new DebCache(DebCache.defaultRoot()),
                        lockFile.toPath(),
                        updateLock,
                        offline),
                new MavenLogListener(getLog()));
        return debianPackages;
    }

    private static RootfsInput toRootfsInput(Input input) throws MojoFailureException {
        if (input.source == null) {
            throw new MojoFailureException("an <input> has no <source>; name the folder or file to map");
        }
        String target = input.target == null || input.target.isBlank() ? "/" : input.target.trim();
        if (!target.equals("/")) {
            try {
                RootfsPath.normalize(target);
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException(
                        input + ": <target> " + e.getMessage().replace("path ", ""));
            }
        }
        return new HostPathInput(input.source.toPath(), target, input.toString());
    }

    private static Hypervisor overlayHypervisor(Input input) throws MojoFailureException {
        try {
            return Hypervisor.of(input.hypervisor);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(input + ": <hypervisor> " + e.getMessage());
        }
    }

    private void attach(Stage1Image image) {
        String classifier = image.path().getFileName().toString().replaceFirst("\\.aci$", "");
        projectHelper.attachArtifact(project, "aci", classifier, image.path().toFile());
        getLog().debug("Attached " + image.path().getFileName() + " with classifier " + classifier);
    }
}
