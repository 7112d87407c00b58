package dev.stage1kvm.maven;

import dev.stage1kvm.aci.Compression;
import dev.stage1kvm.build.DebianInputs;
import dev.stage1kvm.build.DebianKernelInput;
import dev.stage1kvm.build.DebianKernelSource;
import dev.stage1kvm.build.DebianSourceSettings;
import dev.stage1kvm.build.DebianUserland;
import dev.stage1kvm.build.EntrypointsInput;
import dev.stage1kvm.build.KernelBuildInput;
import dev.stage1kvm.build.KernelInput;
import dev.stage1kvm.build.KernelSource;
import dev.stage1kvm.build.KernelSources;
import dev.stage1kvm.build.LkvmBuildInput;
import dev.stage1kvm.build.OutputTimestamp;
import dev.stage1kvm.build.PrebuiltKernelInput;
import dev.stage1kvm.build.Stage1Spec;
import dev.stage1kvm.deb.DebCache;
import dev.stage1kvm.deb.Fetcher;
import dev.stage1kvm.hypervisor.Hypervisor;
import dev.stage1kvm.kernel.RequiredOptions;
import dev.stage1kvm.lkvm.LkvmBuildRequest;
import dev.stage1kvm.lkvm.LkvmInput;
import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.HostPathInput;
import dev.stage1kvm.rootfs.RootfsInput;
import dev.stage1kvm.rootfs.RootfsPath;
import dev.stage1kvm.rootfs.Stage1Assets;
import dev.stage1kvm.source.BuildCache;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/** Turns the shared configuration of {@code assemble} and {@code fetch} into the engine's build spec. */
final class Stage1SpecFactory {

    private final AbstractStage1Mojo config;
    private final Log log;
    private final BuildListener listener;
    private DebianInputs debian;

    Stage1SpecFactory(AbstractStage1Mojo config) {
        this.config = config;
        this.log = config.getLog();
        this.listener = new MavenLogListener(log);
    }

    Stage1Spec spec() throws MojoFailureException, IOException {
        List<Hypervisor> chosen = Stage1Spec.parseHypervisors(config.hypervisors);
        OutputTimestamp.Choice mtime =
                OutputTimestamp.choose(config.outputTimestamp, System.getenv("SOURCE_DATE_EPOCH"));
        log.info("Entry timestamps " + mtime.instant() + " (" + mtime.reason() + ")");
        List<RootfsInput> common = new ArrayList<>();
        Map<Hypervisor, List<RootfsInput>> overlays = new LinkedHashMap<>();
        addUserland(chosen, common, overlays);
        addInputs(chosen, common, overlays);
        requireLkvmSource(chosen, common, overlays);
        KernelInput kernelInput = kernelInput();
        lkvmInput(chosen)
                .ifPresent(input -> overlays.computeIfAbsent(Hypervisor.LKVM, h -> new ArrayList<>())
                        .add(0, input));
        return new Stage1Spec(
                config.name,
                config.version,
                config.arch,
                chosen,
                Compression.parse(config.compression),
                config.outputDirectory.toPath(),
                config.buildLogDirectory.toPath(),
                mtime.instant(),
                common,
                overlays,
                kernelInput,
                Optional.ofNullable(config.entrypoints).map(f -> new EntrypointsInput(f.toPath(), "<entrypoints>")));
    }

    /**
     * The kernel by {@code <kernelOrigin>}: Debian's prebuilt kernel ({@code debian}), or ({@code source}, the
     * default) {@code <kernel>} when set, else built from {@code <kernelSource>} or Debian's kernel source package.
     */
    private KernelInput kernelInput() throws MojoFailureException, IOException {
        if (kernelOrigin().equals(AbstractStage1Mojo.KERNEL_ORIGIN_DEBIAN)) {
            return debianKernel();
        }
        if (config.kernel != null && config.kernelSource != null) {
            throw new MojoFailureException("<kernel> and <kernelSource> are both set; keep one: a prebuilt kernel file"
                    + " or a kernel source to build it from");
        }
        if (config.kernel != null) {
            boolean amd64 = config.arch.equals("amd64");
            PrebuiltKernelInput prebuilt = new PrebuiltKernelInput(config.kernel.toPath(), "<kernel>", amd64);
            return amd64
                    ? prebuilt.checkedAgainst(
                            RequiredOptions.fromClassPath(getClass().getClassLoader()), listener)
                    : prebuilt;
        }
        Optional<File> fragment = Optional.ofNullable(config.kernelFragment);
        return KernelBuildInput.of(kernelSource(), fragment.map(File::toPath), config.arch, listener, kernelName());
    }

    /** Debian's generic kernel and an initramfs of its 9p and virtio modules: no compiler needed. */
    private KernelInput debianKernel() throws MojoFailureException {
        String setting = config.kernel != null
                ? "<kernel>"
                : config.kernelSource != null ? "<kernelSource>" : "<kernelFragment>";
        if (config.kernel != null || config.kernelSource != null || config.kernelFragment != null) {
            throw new MojoFailureException(originSetting(AbstractStage1Mojo.KERNEL_ORIGIN_DEBIAN) + " takes Debian's"
                    + " prebuilt kernel, but " + setting + " is set too; remove " + setting + ", or set "
                    + originSetting(AbstractStage1Mojo.KERNEL_ORIGIN_SOURCE));
        }
        if (!config.arch.equals("amd64")) {
            throw new MojoFailureException(
                    originSetting(AbstractStage1Mojo.KERNEL_ORIGIN_DEBIAN) + " is for <arch>amd64"
                            + "</arch> only (the Debian sources are bookworm amd64); use "
                            + originSetting(AbstractStage1Mojo.KERNEL_ORIGIN_SOURCE) + " for " + config.arch);
        }
        log.info("Kernel: Debian's generic kernel and an initramfs of its 9p and virtio modules ("
                + originSetting(AbstractStage1Mojo.KERNEL_ORIGIN_DEBIAN) + ")");
        return new DebianKernelInput(
                debian(),
                new BuildCache(BuildCache.defaultRoot()),
                Stage1Assets.fromClasspath(),
                DebianKernelInput.DEFAULT_COMPRESSION,
                listener,
                originSetting(AbstractStage1Mojo.KERNEL_ORIGIN_DEBIAN));
    }

    private String kernelOrigin() throws MojoFailureException {
        String origin = config.kernelOrigin == null ? "" : config.kernelOrigin.strip();
        if (!origin.equals(AbstractStage1Mojo.KERNEL_ORIGIN_SOURCE)
                && !origin.equals(AbstractStage1Mojo.KERNEL_ORIGIN_DEBIAN)) {
            throw new MojoFailureException("Invalid <kernelOrigin> (-D" + PropertyNames.KERNEL_ORIGIN + ") '" + origin
                    + "': expected " + AbstractStage1Mojo.KERNEL_ORIGIN_SOURCE + " or "
                    + AbstractStage1Mojo.KERNEL_ORIGIN_DEBIAN);
        }
        return origin;
    }

    private static String originSetting(String origin) {
        return "<kernelOrigin>" + origin + "</kernelOrigin> (-D" + PropertyNames.KERNEL_ORIGIN + "=" + origin + ")";
    }

    private KernelSource kernelSource() {
        if (config.kernelSource == null) {
            log.info("Kernel: built from Debian's " + DebianInputs.KERNEL_SOURCE_PACKAGE + " (no <kernel> or"
                    + " <kernelSource>; " + originSetting(AbstractStage1Mojo.KERNEL_ORIGIN_SOURCE) + ")");
            return new DebianKernelSource(debian(), listener);
        }
        Fetcher fetcher = new Fetcher(new DebCache(DebCache.defaultRoot()), config.offline, listener);
        return KernelSources.parse(
                config.kernelSource,
                config.kernelSourceSha256,
                config.project.getBasedir().toPath(),
                fetcher,
                "<kernelSource>");
    }

    private String kernelName() {
        return config.kernelSource == null ? "the default kernel" : "<kernelSource>";
    }

    /**
     * An lkvm image needs lkvm at /lkvm: from {@code <lkvm>}, {@code <lkvmSource>} or an {@code <input>}. Fails before
     * anything is fetched or built when none gives it.
     */
    private void requireLkvmSource(
            List<Hypervisor> chosen, List<RootfsInput> common, Map<Hypervisor, List<RootfsInput>> overlays)
            throws MojoFailureException {
        if (!chosen.contains(Hypervisor.LKVM) || config.lkvm != null || config.lkvmSource != null) {
            return;
        }
        String lkvmPath = Hypervisor.LKVM.guestPath();
        List<RootfsInput> inputs = new ArrayList<>(common);
        inputs.addAll(overlays.getOrDefault(Hypervisor.LKVM, List.of()));
        Optional<HostPathInput> mapped = inputs.stream()
                .filter(input -> input instanceof HostPathInput host && host.provides(lkvmPath))
                .map(HostPathInput.class::cast)
                .findFirst();
        if (mapped.isPresent()) {
            log.info("lkvm: " + lkvmPath + " comes from " + mapped.get().name() + " (no <lkvm> or <lkvmSource>)");
            return;
        }
        throw new MojoFailureException("<hypervisors> (-D" + PropertyNames.HYPERVISORS + ") '" + config.hypervisors
                + "' asks for an lkvm image, but nothing provides " + lkvmPath + ": set <lkvm> (-D" + PropertyNames.LKVM
                + ") to a prebuilt, statically linked lkvm, or <lkvmSource> (-D" + PropertyNames.LKVM_SOURCE
                + ") and <lkvmCommit> (-D" + PropertyNames.LKVM_COMMIT + ") to a kvmtool git repository and the"
                + " commit to build it from, e.g. " + LkvmBuildRequest.KVMTOOL_URL + " (or a mirror of it) at "
                + LkvmBuildRequest.RKT_COMMIT_ID);
    }

    /** Comes first in the lkvm overlay, so that an {@code <input>} for lkvm can still replace it. */
    private Optional<RootfsInput> lkvmInput(List<Hypervisor> chosen) throws MojoFailureException {
        if (config.lkvm != null && config.lkvmSource != null) {
            throw new MojoFailureException("<lkvm> and <lkvmSource> are both set; keep one: a prebuilt static lkvm or"
                    + " a kvmtool repository to build it from");
        }
        if (!chosen.contains(Hypervisor.LKVM) || (config.lkvm == null && config.lkvmSource == null)) {
            return Optional.empty();
        }
        if (config.lkvm != null) {
            return Optional.of(LkvmInput.prebuilt(config.lkvm.toPath(), "<lkvm>"));
        }
        return Optional.of(
                LkvmBuildInput.of(config.lkvmSource, config.lkvmCommit, config.offline, listener, "<lkvmSource>"));
    }

    /** The Debian userland goes first, so that the project's own inputs win over it. */
    private void addUserland(
            List<Hypervisor> chosen, List<RootfsInput> common, Map<Hypervisor, List<RootfsInput>> overlays)
            throws MojoFailureException {
        if (AbstractStage1Mojo.USERLAND_NONE.equals(config.userland)) {
            log.info("No Debian userland (<userland>" + AbstractStage1Mojo.USERLAND_NONE + "</userland>, -D"
                    + PropertyNames.USERLAND + "): the image holds only the inputs");
            return;
        }
        if (!AbstractStage1Mojo.USERLAND_DEBIAN.equals(config.userland)) {
            throw new MojoFailureException("Invalid <userland> (-D" + PropertyNames.USERLAND + ") '" + config.userland
                    + "': expected " + AbstractStage1Mojo.USERLAND_DEBIAN + " or " + AbstractStage1Mojo.USERLAND_NONE);
        }
        if (!config.arch.equals(DebianSourceSettings.ARCHITECTURE)) {
            throw new MojoFailureException("<arch> (-D" + PropertyNames.ARCH + ") '" + config.arch + "' does not go"
                    + " with <userland>" + AbstractStage1Mojo.USERLAND_DEBIAN + "</userland> (-D"
                    + PropertyNames.USERLAND
                    + "): the Debian userland is built for " + DebianSourceSettings.ARCHITECTURE + " only (its loader"
                    + " and library paths are bookworm " + DebianSourceSettings.ARCHITECTURE + "'s); use <arch>"
                    + DebianSourceSettings.ARCHITECTURE + "</arch>, or <userland>" + AbstractStage1Mojo.USERLAND_NONE
                    + "</userland> with your own " + config.arch + " rootfs in <inputs>");
        }
        DebianUserland userland =
                new DebianUserland(debian(), config.workDirectory.toPath(), Stage1Assets.fromClasspath(), listener);
        common.add(userland.common());
        for (Hypervisor hypervisor : chosen) {
            userland.overlay(hypervisor)
                    .ifPresent(input -> overlays.computeIfAbsent(hypervisor, h -> new ArrayList<>())
                            .add(input));
        }
    }

    /** One Debian client per build, shared by the userland and the kernel source, so the lock file is read once. */
    private DebianInputs debian() {
        if (debian == null) {
            if (config.updateLock) {
                log.info("Resolving the Debian packages anew: " + config.lockFile + " is replaced (-D"
                        + PropertyNames.UPDATE_LOCK + ")");
            }
            if (config.offline) {
                log.info("Offline (-o): the Debian packages come from the cache " + DebCache.defaultRoot());
            }
            DebianInputs.Settings settings = new DebianInputs.Settings(
                    DebianSourceSettings.parse(
                            config.debianMirror,
                            config.debianSuites,
                            config.debianComponents,
                            config.keyring == null ? null : config.keyring.toPath()),
                    new DebCache(DebCache.defaultRoot()),
                    config.lockFile.toPath(),
                    config.updateLock,
                    config.offline);
            debian = new DebianInputs(
                    settings,
                    DebianInputs.userlandPackages(
                            Stage1Assets.fromClasspath(), settings.sources().architecture()),
                    listener);
        }
        return debian;
    }

    private void addInputs(
            List<Hypervisor> chosen, List<RootfsInput> common, Map<Hypervisor, List<RootfsInput>> overlays)
            throws MojoFailureException {
        for (Input input : config.inputs) {
            RootfsInput rootfsInput = toRootfsInput(input);
            if (input.hypervisor == null) {
                common.add(rootfsInput);
                continue;
            }
            Hypervisor hypervisor = overlayHypervisor(input);
            if (chosen.contains(hypervisor)) {
                overlays.computeIfAbsent(hypervisor, h -> new ArrayList<>()).add(rootfsInput);
            } else {
                log.info("Leaving out " + input + ": " + hypervisor + " is not in -D" + PropertyNames.HYPERVISORS);
            }
        }
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
}
