package dev.stage1kvm.deb;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The packages of one or more {@code Packages} files, looked up by name and by what they provide. For one name,
 * candidates come highest version first, so a security or point-release update wins over the release.
 */
public final class PackageIndex {

    private static final Comparator<DebPackage> NEWEST_FIRST =
            Comparator.comparing(DebPackage::version).reversed();

    /** A package that provides a (possibly virtual) name, with the version the provide carries, if any. */
    public record Provider(DebPackage pkg, DebVersion providedVersion) {}

    private final Map<String, List<DebPackage>> byName = new HashMap<>();
    private final Map<String, List<Provider>> providers = new HashMap<>();
    private final Set<String> architectures;

    /** @param architectures the architectures to keep, e.g. {@code amd64} and {@code all}; others are skipped */
    public PackageIndex(Set<String> architectures) {
        this.architectures = Set.copyOf(architectures);
    }

    /**
     * Adds every package of a {@code Packages} file whose architecture is wanted.
     *
     * @param archiveUri the mirror the file's {@code Filename} paths are relative to
     * @param source names the file in error messages
     * @return the number of packages added
     */
    public int addAll(BufferedReader packagesFile, URI archiveUri, String source) throws IOException {
        int[] added = {0};
        Deb822.read(packagesFile, source, paragraph -> {
            if (architectures.contains(paragraph.get("Architecture", ""))) {
                add(DebPackage.of(paragraph, archiveUri, source));
                added[0]++;
            }
        });
        return added[0];
    }

    public void add(DebPackage pkg) {
        insertSorted(byName.computeIfAbsent(pkg.name(), k -> new ArrayList<>()), pkg);
        for (Relation provided : pkg.provides()) {
            providers
                    .computeIfAbsent(provided.name(), k -> new ArrayList<>())
                    .add(new Provider(pkg, provided.version()));
        }
    }

    /** Real packages of this name, newest first; empty when none. */
    public List<DebPackage> packages(String name) {
        return List.copyOf(byName.getOrDefault(name, List.of()));
    }

    /** Packages whose {@code Provides} names this name. */
    public List<Provider> providers(String name) {
        return List.copyOf(providers.getOrDefault(name, List.of()));
    }

    /** Every real and virtual name, sorted. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>(byName.keySet());
        names.addAll(providers.keySet());
        return names;
    }

    public int size() {
        return byName.values().stream().mapToInt(List::size).sum();
    }

    private static void insertSorted(List<DebPackage> list, DebPackage pkg) {
        for (DebPackage existing : list) {
            if (existing.version().equals(pkg.version())
                    && existing.architecture().equals(pkg.architecture())) {
                return;
            }
        }
        list.add(pkg);
        list.sort(NEWEST_FIRST);
    }
}
