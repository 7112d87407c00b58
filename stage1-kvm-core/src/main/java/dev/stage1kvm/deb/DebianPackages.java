package dev.stage1kvm.deb;

import dev.stage1kvm.progress.BuildListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The step "resolve packages": with a lock file, takes exactly the packages it pins; without one, resolves the
 * requested packages against the repository, fetches them and writes the lock file. Either way every {@code .deb} is
 * checked against its SHA-256 before it is returned.
 */
public final class DebianPackages {

    /** A verified {@code .deb} in the cache and the pin that names it. */
    public record Fetched(LockFile.Entry entry, Path deb) {}

    private final DebianRepository repository;
    private final String architecture;
    private final BuildListener listener;

    public DebianPackages(DebianRepository repository, String architecture, BuildListener listener) {
        this.repository = repository;
        this.architecture = architecture;
        this.listener = listener;
    }

    /**
     * Fetches the requested packages and their dependencies.
     *
     * @param requested package names or relations, e.g. {@code systemd}, {@code qemu-system-x86 (>= 1:7.2)}
     * @param lockFile the lock file to follow when it exists, or to write when it does not
     * @throws DebFormatException when the lock file is corrupt
     * @throws DebResolutionException when the lock file does not pin a requested package, or resolution fails
     */
    public List<Fetched> fetch(List<String> requested, Path lockFile) throws IOException {
        if (Files.exists(lockFile)) {
            return fromLockFile(requested, lockFile);
        }
        listener.info("Resolving " + String.join(", ", requested) + " (no " + lockFile.getFileName() + " yet)");
        Resolution resolution = new Resolver(repository.index(), architecture, listener).resolve(requested);
        List<DebPackage> packages = resolution.packages();
        listener.info("Resolved " + packages.size() + " packages (" + resolution.sizeBytes() / 1024 + " KiB to fetch)");
        List<Path> debs = repository.fetchAll(packages);
        List<Fetched> fetched = new ArrayList<>();
        for (int i = 0; i < packages.size(); i++) {
            fetched.add(new Fetched(LockFile.Entry.of(packages.get(i)), debs.get(i)));
        }
        LockFile.write(lockFile, fetched.stream().map(Fetched::entry).toList());
        listener.info("Wrote " + lockFile + " pinning " + fetched.size() + " packages");
        return fetched;
    }

    private List<Fetched> fromLockFile(List<String> requested, Path lockFile) throws IOException {
        List<LockFile.Entry> entries = LockFile.read(lockFile);
        Map<String, LockFile.Entry> pinned = new HashMap<>();
        entries.forEach(e -> pinned.put(e.name(), e));
        for (String text : requested) {
            Relation relation = Relation.parse(text, "requested package");
            LockFile.Entry entry = pinned.get(relation.name());
            if (entry == null || !relation.acceptsVersion(DebVersion.parse(entry.version()))) {
                String found = entry == null ? "does not pin" : "pins " + entry.id() + ", which does not satisfy";
                throw new DebResolutionException(
                        relation.name(),
                        List.of(),
                        lockFile + " " + found + " requested package '" + text
                                + "'. Delete the lock file to resolve the packages anew.");
            }
        }
        listener.info("Taking " + entries.size() + " packages pinned by " + lockFile + " (resolver not used)");
        List<Fetched> fetched = new ArrayList<>();
        for (LockFile.Entry entry : entries) {
            fetched.add(new Fetched(entry, repository.fetch(entry)));
        }
        return fetched;
    }
}
