package dev.stage1kvm.build;

import dev.stage1kvm.deb.DebCache;
import dev.stage1kvm.deb.DebianPackages;
import dev.stage1kvm.deb.DebianRepository;
import dev.stage1kvm.deb.DebianSources;
import dev.stage1kvm.deb.Fetcher;
import dev.stage1kvm.deb.PinnedPackages;
import dev.stage1kvm.hypervisor.Hypervisor;
import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.Stage1Assets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Debian packages of one build, pinned once against one lock file and fetched on demand. Without a lock file,
 * every package any configuration takes is resolved and pinned (the packages of every list of stage1-assets and
 * Debian's generic kernel with their dependencies, and the kernel source package alone), so that the lock file does not change with the
 * hypervisors or the kernel a build names; each part of a build then fetches only the packages it needs.
 */
public final class DebianInputs {

    /**
     * Debian's kernel source package: its {@code /usr/src/linux-source-6.1.tar.xz} is the default kernel source. 6.1 is
     * bookworm's long-term kernel, the one the project's fragment and required options were checked against.
     */
    public static final String KERNEL_SOURCE_PACKAGE = "linux-source-6.1";

    /** The name of Debian's generic kernel metapackage for an architecture, e.g. {@code linux-image-amd64}. */
    public static String kernelImagePackage(String architecture) {
        return "linux-image-" + architecture;
    }

    /**
     * Where the packages come from.
     *
     * @param lockFile followed when it exists, written when it does not
     * @param updateLock delete the lock file first and resolve anew
     * @param offline fetch nothing; take everything from the cache
     */
    public record Settings(DebianSources sources, DebCache cache, Path lockFile, boolean updateLock, boolean offline) {}

    private final Settings settings;
    private final List<String> userlandPackages;
    private final BuildListener listener;
    private DebianPackages packages;
    private PinnedPackages pinned;

    /**
     * @param userlandPackages the packages pinned with their dependencies, {@link #userlandPackages(Stage1Assets, String)}
     *     in a build
     */
    public DebianInputs(Settings settings, List<String> userlandPackages, BuildListener listener) {
        this.settings = settings;
        this.userlandPackages = List.copyOf(userlandPackages);
        this.listener = listener;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Every package list's names and Debian's generic kernel ({@code <kernelOrigin>debian</kernelOrigin>}): the union
     * is resolved once, so one lock file serves every image and either kernel origin.
     *
     * @param architecture Debian's name of the image's architecture, e.g. {@code amd64}
     */
    public static List<String> userlandPackages(Stage1Assets assets, String architecture) {
        List<String> names = new ArrayList<>(assets.packages());
        for (Hypervisor hypervisor : Hypervisor.values()) {
            assets.packages(hypervisor.id()).stream()
                    .filter(name -> !names.contains(name))
                    .forEach(names::add);
        }
        names.add(kernelImagePackage(architecture));
        return names;
    }

    /**
     * The verified {@code .deb} of each named package and of every pinned package it depends on, by package name;
     * the lock file is read, or resolved and written, on the first call.
     */
    public Map<String, Path> fetch(List<String> names) throws IOException {
        DebianPackages client = client();
        Map<String, Path> debs = new LinkedHashMap<>();
        client.fetch(pinned(client), names).forEach(f -> debs.put(f.entry().name(), f.deb()));
        return debs;
    }

    private PinnedPackages pinned(DebianPackages client) throws IOException {
        if (pinned == null) {
            if (settings.updateLock() && Files.deleteIfExists(settings.lockFile())) {
                listener.info("Deleted " + settings.lockFile() + " to resolve the packages anew");
            }
            DebianPackages.Request everything =
                    new DebianPackages.Request(userlandPackages, List.of(KERNEL_SOURCE_PACKAGE));
            pinned = client.pin(everything, settings.lockFile());
        }
        return pinned;
    }

    private DebianPackages client() throws IOException {
        if (packages == null) {
            Fetcher fetcher = new Fetcher(settings.cache(), settings.offline(), listener);
            DebianRepository repository = new DebianRepository(settings.sources(), fetcher, listener);
            packages = new DebianPackages(repository, settings.sources().architecture(), listener);
        }
        return packages;
    }
}
