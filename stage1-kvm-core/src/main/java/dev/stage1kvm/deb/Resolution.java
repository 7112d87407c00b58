package dev.stage1kvm.deb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of {@link Resolver#resolve}: the chosen packages and why each was pulled in. */
public final class Resolution {

    /**
     * @param parent the package whose relation pulled this one in, {@code null} for a requested package
     * @param reason the relation, e.g. {@code Depends: libc6 (>= 2.34)}
     */
    public record Choice(DebPackage pkg, String parent, String reason) {}

    private final Map<String, Choice> chosen;
    private final Map<String, List<String>> dependencies;

    Resolution(Map<String, Choice> chosen, Map<String, List<String>> dependencies) {
        this.chosen = Collections.unmodifiableMap(new LinkedHashMap<>(chosen));
        this.dependencies = Map.copyOf(dependencies);
    }

    /** The chosen packages sorted by name. */
    public List<DebPackage> packages() {
        return chosen.values().stream()
                .map(Choice::pkg)
                .sorted(Comparator.comparing(DebPackage::name))
                .toList();
    }

    /** The total download size. */
    public long sizeBytes() {
        return chosen.values().stream().mapToLong(c -> c.pkg().sizeBytes()).sum();
    }

    /**
     * Why a package was chosen: the path from a requested package down to it, e.g. {@code [systemd, libc6]}.
     *
     * @return an empty list when the package was not chosen
     */
    public List<String> why(String name) {
        return chosen.containsKey(name) ? chain(name, chosen) : List.of();
    }

    /**
     * The chosen packages that meet a chosen package's {@code Pre-Depends} and {@code Depends}, one per relation
     * group, whichever package pulled them in first.
     */
    public List<String> dependencies(String name) {
        return dependencies.getOrDefault(name, List.of());
    }

    /** The reason recorded for one chosen package. */
    public Choice choice(String name) {
        return chosen.get(name);
    }

    static List<String> chain(String name, Map<String, Choice> chosen) {
        List<String> chain = new ArrayList<>();
        String current = name;
        while (current != null && !chain.contains(current)) {
            chain.add(0, current);
            Choice choice = chosen.get(current);
            current = choice == null ? null : choice.parent();
        }
        return chain;
    }
}
