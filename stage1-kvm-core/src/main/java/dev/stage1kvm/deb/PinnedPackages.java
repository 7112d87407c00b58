package dev.stage1kvm.deb;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The packages one lock file pins, whether it was just written or read: a build takes from them the closure of the
 * packages it needs, so one lock file serves every configuration and each build downloads only its own packages.
 */
public final class PinnedPackages {

    private final Path lockFile;
    private final Map<String, LockFile.Entry> byName = new LinkedHashMap<>();

    public PinnedPackages(Path lockFile, List<LockFile.Entry> entries) {
        this.lockFile = lockFile;
        entries.forEach(entry -> byName.put(entry.name(), entry));
    }

    public Path lockFile() {
        return lockFile;
    }

    public List<LockFile.Entry> entries() {
        return List.copyOf(byName.values());
    }

    /**
     * The requested packages and every pinned package they depend on, in lock file order. A lock file without
     * recorded dependencies (format version 1) gives all its packages.
     *
     * @param requested package names or relations, e.g. {@code systemd}, {@code qemu-system-x86 (>= 1:7.2)}
     * @throws DebResolutionException when the lock file does not pin a requested package or pins a version the
     *     relation excludes
     */
    public List<LockFile.Entry> closure(List<String> requested) {
        List<LockFile.Entry> roots = new ArrayList<>();
        for (String text : requested) {
            roots.add(pinned(text));
        }
        if (byName.values().stream().anyMatch(entry -> entry.depends() == null)) {
            return entries();
        }
        Set<String> names = new LinkedHashSet<>();
        Deque<LockFile.Entry> work = new ArrayDeque<>(roots);
        while (!work.isEmpty()) {
            LockFile.Entry entry = work.removeFirst();
            if (names.add(entry.name())) {
                entry.depends().forEach(name -> work.addLast(byName.get(name)));
            }
        }
        return byName.values().stream().filter(e -> names.contains(e.name())).toList();
    }

    private LockFile.Entry pinned(String text) {
        Relation relation = Relation.parse(text, "requested package");
        LockFile.Entry entry = byName.get(relation.name());
        if (entry == null || !relation.acceptsVersion(DebVersion.parse(entry.version()))) {
            String found = entry == null ? "does not pin" : "pins " + entry.id() + ", which does not satisfy";
            throw new DebResolutionException(
                    relation.name(),
                    List.of(),
                    lockFile + " " + found + " requested package '" + text
                            + "'. Delete the lock file to resolve the packages anew.");
        }
        return entry;
    }
}
