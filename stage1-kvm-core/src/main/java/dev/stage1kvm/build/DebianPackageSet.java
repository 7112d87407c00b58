package dev.stage1kvm.build;

import dev.stage1kvm.deb.DebCache;
import dev.stage1kvm.deb.DebianPackages;
import dev.stage1kvm.deb.DebianRepository;
import dev.stage1kvm.deb.DebianSources;
import dev.stage1kvm.deb.Fetcher;
import dev.stage1kvm.progress.BuildListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Debian packages of one build. Every part that takes packages from Debian (the userland, Debian's kernel) asks
 * for its names first; at the first {@link #debs()} they are resolved together, once, against one lock file, so that
 * one lock file pins every package of the build.
 */
public final class DebianPackageSet {

    /**
     * Where the packages come from.
     *
     * @param lockFile followed when it exists, written when it does not
     * @param updateLock delete the lock file first and resolve anew
     * @param offline fetch nothing; take everything from the cache
     */
    public record Settings(DebianSources sources, DebCache cache, Path lockFile, boolean updateLock, boolean offline) {}

    private final Settings settings;
    private final BuildListener listener;
    private final List<String> requested = new ArrayList<>();
    private Map<String, Path> debsByName;

    public DebianPackageSet(Settings settings, BuildListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Asks for packages (names or relations such as {@code name (>= 1.0)}); a name asked for twice is fetched once.
     *
     * @throws IllegalStateException after the packages were fetched
     */
    public void request(Collection<String> names) {
        if (debsByName != null) {
            throw new IllegalStateException("Debian packages " + names + " were asked for after the fetch");
        }
        names.stream().filter(name -> !requested.contains(name)).forEach(requested::add);
    }

    /** The names asked for so far, in the order they were first asked for. */
    public List<String> requested() {
        return List.copyOf(requested);
    }

    /**
     * Fetches the requested packages, with what {@code Depends} pulls in, once per build: from the lock file when there
     * is one, else resolved, fetched and pinned in a new lock file.
     *
     * @return every fetched package's verified {@code .deb} in the cache, by package name
     */
    public Map<String, Path> debs() throws IOException {
        if (debsByName != null) {
            return debsByName;
        }
        listener.info("Fetching the Debian packages of the build ("
                + settings.lockFile().getFileName() + ")");
        if (settings.updateLock() && Files.deleteIfExists(settings.lockFile())) {
            listener.info("Deleted " + settings.lockFile() + " to resolve the packages anew");
        }
        Fetcher fetcher = new Fetcher(settings.cache(), settings.offline(), listener);
        DebianRepository repository = new DebianRepository(settings.sources(), fetcher, listener);
        List<DebianPackages.Fetched> fetched = new DebianPackages(
                        repository, settings.sources().architecture(), listener)
                .fetch(requested, settings.lockFile());
        Map<String, Path> debs = new LinkedHashMap<>();
        fetched.forEach(f -> debs.put(f.entry().name(), f.deb()));
        debsByName = debs;
        return debsByName;
    }
}
