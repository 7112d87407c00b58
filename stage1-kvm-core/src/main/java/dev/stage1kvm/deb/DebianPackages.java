package dev.stage1kvm.deb;

import dev.stage1kvm.progress.BuildListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The step "resolve packages": with a lock file, takes exactly the packages it pins; without one, resolves the
 * requested packages against the repository and writes the lock file. A build then fetches the closure of the
 * packages it needs; every {@code .deb} is checked against its SHA-256 before it is returned.
 */
public final class DebianPackages {

    /** A verified {@code .deb} in the cache and the pin that names it. */
    public record Fetched(LockFile.Entry entry, Path deb) {}

    /**
     * What to pin when there is no lock file yet.
     *
     * @param withDependencies package names or relations, closed over {@code Pre-Depends} and {@code Depends}
     * @param alone packages taken without their dependencies: their files are used on the build host, not installed
     */
    public record Request(List<String> withDependencies, List<String> alone) {
        public Request {
            withDependencies = List.copyOf(withDependencies);
            alone = List.copyOf(alone);
        }
    }

    private final DebianRepository repository;
    private final String architecture;
    private final BuildListener listener;

    public DebianPackages(DebianRepository repository, String architecture, BuildListener listener) {
        this.repository = repository;
        this.architecture = architecture;
        this.listener = listener;
    }

    /**
     * Fetches the requested packages and their dependencies, pinning them in the lock file when it does not exist.
     *
     * @param requested package names or relations, e.g. {@code systemd}, {@code qemu-system-x86 (>= 1:7.2)}
     * @param lockFile the lock file to follow when it exists, or to write when it does not
     * @throws DebFormatException when the lock file is corrupt
     * @throws DebResolutionException when the lock file does not pin a requested package, or resolution fails
     */
    public List<Fetched> fetch(List<String> requested, Path lockFile) throws IOException {
        return fetch(pin(new Request(requested, List.of()), lockFile), requested);
    }

    /**
     * The packages the lock file pins; when it does not exist, the request resolved and written to it. Nothing is
     * downloaded but the release files and indexes resolution reads.
     *
     * @throws DebFormatException when the lock file is corrupt
     * @throws DebResolutionException when resolution fails; no lock file is written then
     */
    public PinnedPackages pin(Request request, Path lockFile) throws IOException {
        if (Files.exists(lockFile)) {
            List<LockFile.Entry> entries = LockFile.read(lockFile);
            listener.info("Following " + lockFile + ": " + entries.size() + " packages pinned (resolver not used)");
            return new PinnedPackages(lockFile, entries);
        }
        List<String> all = new ArrayList<>(request.withDependencies());
        all.addAll(request.alone());
        listener.info("Resolving " + String.join(", ", all) + " (no " + lockFile.getFileName() + " yet)");
        Resolver resolver = new Resolver(repository.index(), architecture, listener);
        Resolution resolution = resolver.resolve(request.withDependencies());
        List<LockFile.Entry> entries = new ArrayList<>();
        resolution.packages().forEach(pkg -> entries.add(LockFile.Entry.of(pkg, resolution.dependencies(pkg.name()))));
        for (String text : request.alone()) {
            DebPackage pkg = resolver.resolveAlone(text);
            if (entries.stream().noneMatch(entry -> entry.name().equals(pkg.name()))) {
                entries.add(LockFile.Entry.of(pkg, List.of()));
            }
        }
        LockFile.write(lockFile, entries);
        long kib = entries.stream().mapToLong(LockFile.Entry::sizeBytes).sum() / 1024;
        listener.info("Wrote " + lockFile + " pinning " + entries.size() + " packages (" + kib + " KiB)");
        return new PinnedPackages(lockFile, LockFile.read(lockFile));
    }

    /**
     * The verified {@code .deb} files of the requested packages and every pinned package they depend on, downloaded
     * into the cache unless they are there already.
     *
     * @throws DebResolutionException when the lock file does not pin a requested package
     * @throws PinnedPackageMissingException when no configured archive has a pinned package's {@code .deb}
     */
    public List<Fetched> fetch(PinnedPackages pinned, List<String> requested) throws IOException {
        List<LockFile.Entry> closure = pinned.closure(requested);
        long kib = closure.stream().mapToLong(LockFile.Entry::sizeBytes).sum() / 1024;
        listener.info("Taking " + closure.size() + " packages pinned by " + pinned.lockFile() + " (" + kib + " KiB)");
        List<Fetched> fetched = new ArrayList<>();
        for (LockFile.Entry entry : closure) {
            fetched.add(new Fetched(entry, fetchPinned(pinned, entry)));
        }
        return fetched;
    }

    private Path fetchPinned(PinnedPackages pinned, LockFile.Entry entry) throws IOException {
        try {
            return repository.fetch(entry);
        } catch (NotOnMirrorException e) {
            throw new PinnedPackageMissingException(pinned.lockFile(), entry, e);
        }
    }
}
