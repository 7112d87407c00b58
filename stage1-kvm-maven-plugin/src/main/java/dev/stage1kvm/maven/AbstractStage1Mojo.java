package dev.stage1kvm.maven;

import dev.stage1kvm.build.DebianSourceSettings;
import dev.stage1kvm.build.Stage1Spec;
import dev.stage1kvm.deb.LockFile;
import dev.stage1kvm.lkvm.LkvmBuildRequest;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * The configuration {@code assemble} and {@code fetch} share, so that {@code fetch} downloads exactly what
 * {@code assemble} will take. {@link Stage1SpecFactory} turns it into the engine's build spec.
 */
abstract class AbstractStage1Mojo extends AbstractMojo {

    static final String USERLAND_NONE = "none";
    static final String USERLAND_DEBIAN = "debian";
    static final String KERNEL_ORIGIN_SOURCE = "source";
    static final String KERNEL_ORIGIN_DEBIAN = "debian";

    /** Comma-separated hypervisors, {@code lkvm} and/or {@code qemu}. Default {@code qemu}. */
    @Parameter(property = PropertyNames.HYPERVISORS, defaultValue = "qemu")
    String hypervisors;

    /** The image name (an appc identifier). Default {@code coreos.com/rkt/stage1-kvm}. */
    @Parameter(property = PropertyNames.NAME, defaultValue = Stage1Spec.DEFAULT_NAME)
    String name;

    /** The {@code version} label. Default the project version. */
    @Parameter(property = PropertyNames.VERSION, defaultValue = "${project.version}")
    String version;

    /** The {@code arch} label, {@code amd64} or {@code aarch64}. Default {@code amd64}. */
    @Parameter(property = PropertyNames.ARCH, defaultValue = "amd64")
    String arch;

    /** {@code gzip}, {@code xz}, {@code bzip2} or {@code none}. Default {@code gzip}. */
    @Parameter(property = PropertyNames.COMPRESSION, defaultValue = "gzip")
    String compression;

    /** Where the images go. Default {@code ${project.build.directory}}. */
    @Parameter(property = PropertyNames.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}")
    File outputDirectory;

    /**
     * The mtime of every entry: ISO-8601 or seconds since 1970. Default {@code ${project.build.outputTimestamp}};
     * when that is unset, {@code SOURCE_DATE_EPOCH}; then a fixed date.
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    String outputTimestamp;

    /** Folders and files mapped into every image's rootfs, or into one hypervisor's. */
    @Parameter
    List<Input> inputs = new ArrayList<>();

    /** A prebuilt kernel file, placed at {@code /kernel_image}, in place of a kernel built by the goal. */
    @Parameter(property = PropertyNames.KERNEL)
    File kernel;

    /**
     * Where the kernel comes from: {@code source} takes {@code <kernel>} or builds it from {@code <kernelSource>}, by
     * default Debian's {@code linux-source-6.1}; {@code debian} takes Debian's prebuilt generic kernel with an
     * initramfs of its 9p and virtio modules (no compiler; about 7 s slower to boot under TCG). Default
     * {@code source}, property {@code stage1.kernelOrigin}.
     */
    @Parameter(property = PropertyNames.KERNEL_ORIGIN, defaultValue = KERNEL_ORIGIN_SOURCE)
    String kernelOrigin;

    /**
     * The kernel source to build from: a tarball or folder on this host, or an {@code https://} URL of a tarball
     * (with {@code <kernelSourceSha256>}). Default: the tarball of Debian's {@code linux-source-6.1}, fetched with the
     * userland's packages and pinned in the lock file. Built with {@code tinyconfig} + the project's fragment +
     * {@code olddefconfig} once, then taken from {@code ~/.cache/stage1-kvm/kernel}. Property
     * {@code stage1.kernelSource}.
     */
    @Parameter(property = PropertyNames.KERNEL_SOURCE)
    String kernelSource;

    /**
     * The SHA-256 of the {@code <kernelSource>} tarball: required for a URL (the download is checked against it),
     * checked for a local file. Property {@code stage1.kernelSourceSha256}.
     */
    @Parameter(property = PropertyNames.KERNEL_SOURCE_SHA256)
    String kernelSourceSha256;

    /** A kernel config fragment that replaces the project's one when the kernel is built. */
    @Parameter(property = PropertyNames.KERNEL_FRAGMENT)
    File kernelFragment;

    /** A prebuilt, statically linked lkvm, placed at {@code /lkvm} in the lkvm image. */
    @Parameter(property = PropertyNames.LKVM)
    File lkvm;

    /**
     * A kvmtool git repository (any URL or path JGit takes) to build lkvm from with {@code make lkvm-static}, in
     * place of {@code <lkvm>}; cloned into {@code ~/.cache/stage1-kvm/git} and built once per commit.
     */
    @Parameter(property = PropertyNames.LKVM_SOURCE)
    String lkvmSource;

    /** The kvmtool commit to build (40 hex digits). Default: the commit rkt's build pinned. */
    @Parameter(property = PropertyNames.LKVM_COMMIT, defaultValue = LkvmBuildRequest.RKT_COMMIT_ID)
    String lkvmCommit;

    /** Maven's offline switch ({@code -o}): packages and sources then come from the caches only. */
    @Parameter(defaultValue = "${settings.offline}", readonly = true)
    boolean offline;

    /** A folder of rkt's entrypoint programs ({@code init}, {@code enter_kvm}, ...); the manifest then names them. */
    @Parameter(property = PropertyNames.ENTRYPOINTS)
    File entrypoints;

    /**
     * Where the userland comes from: {@code debian} (systemd and, in the QEMU image, QEMU from Debian's packages,
     * fetched and verified into the user's cache) or {@code none} (only the inputs). Default {@code debian}, property
     * {@code stage1.userland}.
     */
    @Parameter(property = PropertyNames.USERLAND, defaultValue = USERLAND_DEBIAN)
    String userland;

    /**
     * The lock file pinning every Debian package of the build: followed when it exists, written when it does not;
     * commit it. Default {@code ${project.basedir}/stage1-kvm.lock}. Property {@code stage1.lockFile}.
     */
    @Parameter(property = PropertyNames.LOCK_FILE, defaultValue = "${project.basedir}/" + LockFile.FILE_NAME)
    File lockFile;

    /** Deletes the lock file and re-resolves the Debian packages. Default false, property {@code stage1.updateLock}. */
    @Parameter(property = PropertyNames.UPDATE_LOCK, defaultValue = "false")
    boolean updateLock;

    /**
     * The Debian archive the packages come from (the folder holding {@code dists/} and {@code pool/}). Default
     * {@code http://deb.debian.org/debian}, property {@code stage1.debianMirror}.
     */
    @Parameter(property = PropertyNames.DEBIAN_MIRROR, defaultValue = DebianSourceSettings.DEFAULT_MIRROR)
    String debianMirror;

    /**
     * Comma-separated suites, searched together (the newest version of a package wins); a suite preceded by a URL and
     * a space comes from that archive instead of {@code <debianMirror>}. Default
     * {@code bookworm,bookworm-updates,http://deb.debian.org/debian-security bookworm-security}, property
     * {@code stage1.debianSuites}.
     */
    @Parameter(property = PropertyNames.DEBIAN_SUITES, defaultValue = DebianSourceSettings.DEFAULT_SUITES)
    String debianSuites;

    /** Comma-separated archive components. Default {@code main}, property {@code stage1.debianComponents}. */
    @Parameter(property = PropertyNames.DEBIAN_COMPONENTS, defaultValue = DebianSourceSettings.DEFAULT_COMPONENTS)
    String debianComponents;

    /**
     * An OpenPGP keyring file (binary or ASCII-armoured, as {@code gpg --export} writes it) whose keys replace the
     * Debian archive keys shipped with the plugin for checking {@code InRelease} signatures. Property
     * {@code stage1.keyring}.
     */
    @Parameter(property = PropertyNames.KEYRING)
    File keyring;

    /** A folder of the goal's own for the unpacked packages the ELF closure searches; replaced on each build. */
    @Parameter(defaultValue = "${project.build.directory}/stage1-kvm-work", readonly = true)
    File workDirectory;

    /**
     * Where the full log of each part built from source is kept: {@code kernel-build.log}, {@code lkvm-build.log}
     * (also when it came from the cache, or the build failed).
     */
    @Parameter(defaultValue = "${project.build.directory}/stage1-kvm", readonly = true)
    File buildLogDirectory;

    /** Skips the goal. Property {@code stage1.skip}. */
    @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;
}
