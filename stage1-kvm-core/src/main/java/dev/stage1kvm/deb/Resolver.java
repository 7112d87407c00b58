package dev.stage1kvm.deb;

import dev.stage1kvm.progress.BuildListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Closes a set of requested packages over {@code Pre-Depends} and {@code Depends}. For each group of alternatives the
 * first one that can be satisfied wins, as apt does; a group already met by a chosen package pulls in nothing. A real
 * package is preferred to a provider of a virtual name. Only one version of a name is ever chosen.
 */
public final class Resolver {

    private final PackageIndex index;
    private final String architecture;
    private final BuildListener listener;

    /** @param architecture the native architecture, e.g. {@code amd64}, which {@code :native} qualifiers mean */
    public Resolver(PackageIndex index, String architecture, BuildListener listener) {
        this.index = index;
        this.architecture = architecture;
        this.listener = listener;
    }

    /**
     * Resolves the given relations (plain names or {@code name (op version)}) and everything they need.
     *
     * @throws DebResolutionException when a requested name is unknown or a dependency cannot be met
     */
    public Resolution resolve(List<String> requested) {
        Map<String, Resolution.Choice> chosen = new LinkedHashMap<>();
        Deque<DebPackage> work = new ArrayDeque<>();
        for (String text : requested) {
            Relation root = Relation.parse(text, "requested package");
            DebPackage pkg = pick(List.of(root), chosen)
                    .orElseThrow(() -> missingRoot(root))
                    .pkg();
            if (!chosen.containsKey(pkg.name())) {
                choose(chosen, work, new Resolution.Choice(pkg, null, "requested as '" + text + "'"));
            }
        }
        while (!work.isEmpty()) {
            DebPackage parent = work.removeFirst();
            satisfy(parent, "Pre-Depends", parent.preDepends(), chosen, work);
            satisfy(parent, "Depends", parent.depends(), chosen, work);
        }
        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        chosen.keySet()
                .forEach(name -> dependencies.put(name, metBy(chosen.get(name).pkg(), chosen)));
        return new Resolution(chosen, dependencies);
    }

    /**
     * The newest package that satisfies one relation, without its dependencies: for a package whose files are used
     * on the build host, such as a source tarball, never installed in an image.
     *
     * @throws DebResolutionException when the name is unknown or no version satisfies the relation
     */
    public DebPackage resolveAlone(String requested) {
        Relation root = Relation.parse(requested, "requested package");
        DebPackage pkg = pick(List.of(root), Map.of())
                .orElseThrow(() -> missingRoot(root))
                .pkg();
        listener.debug("resolve: " + pkg.id() + " requested as '" + requested + "', without its dependencies");
        return pkg;
    }

    /** The chosen packages that meet each relation group of a chosen package: its edges in the lock file. */
    private List<String> metBy(DebPackage pkg, Map<String, Resolution.Choice> chosen) {
        List<String> names = new ArrayList<>();
        List<List<Relation>> groups = new ArrayList<>(pkg.preDepends());
        groups.addAll(pkg.depends());
        for (List<Relation> group : groups) {
            group.stream()
                    .map(relation -> meeting(relation, chosen))
                    .flatMap(Optional::stream)
                    .findFirst()
                    .ifPresent(names::add);
        }
        return names;
    }

    private void satisfy(
            DebPackage parent,
            String field,
            List<List<Relation>> groups,
            Map<String, Resolution.Choice> chosen,
            Deque<DebPackage> work) {
        for (List<Relation> group : groups) {
            if (group.stream().anyMatch(r -> metByChosen(r, chosen))) {
                continue;
            }
            String groupText = group.stream().map(Relation::toString).collect(Collectors.joining(" | "));
            Candidate candidate =
                    pick(group, chosen).orElseThrow(() -> unsatisfiable(parent, field, groupText, chosen));
            String reason = field + ": " + groupText + (candidate.viaProvides() ? " (provided)" : "");
            choose(chosen, work, new Resolution.Choice(candidate.pkg(), parent.name(), reason));
        }
    }

    private void choose(Map<String, Resolution.Choice> chosen, Deque<DebPackage> work, Resolution.Choice choice) {
        chosen.put(choice.pkg().name(), choice);
        work.addLast(choice.pkg());
        String from = choice.parent() == null ? " " : " <- " + choice.parent() + " ";
        listener.debug("resolve: " + choice.pkg().id() + from + choice.reason());
    }

    private record Candidate(DebPackage pkg, boolean viaProvides) {}

    /** The first alternative that some package can satisfy without clashing with what is already chosen. */
    private Optional<Candidate> pick(List<Relation> alternatives, Map<String, Resolution.Choice> chosen) {
        for (Relation relation : alternatives) {
            if (!archMatches(relation)) {
                continue;
            }
            for (DebPackage pkg : index.packages(relation.name())) {
                if (relation.acceptsVersion(pkg.version()) && compatible(pkg, chosen)) {
                    return Optional.of(new Candidate(pkg, false));
                }
            }
            Optional<Candidate> provider = pickProvider(relation, chosen);
            if (provider.isPresent()) {
                return provider;
            }
        }
        return Optional.empty();
    }

    private Optional<Candidate> pickProvider(Relation relation, Map<String, Resolution.Choice> chosen) {
        return index.providers(relation.name()).stream()
                .filter(p -> relation.acceptsVersion(p.providedVersion()) && compatible(p.pkg(), chosen))
                .sorted(Comparator.comparing((PackageIndex.Provider p) ->
                                !chosen.containsKey(p.pkg().name()))
                        .thenComparing(p -> p.pkg().name()))
                .findFirst()
                .map(p -> new Candidate(p.pkg(), true));
    }

    private boolean metByChosen(Relation relation, Map<String, Resolution.Choice> chosen) {
        return meeting(relation, chosen).isPresent();
    }

    /** The name of the chosen package that meets a relation, itself or through {@code Provides}. */
    private Optional<String> meeting(Relation relation, Map<String, Resolution.Choice> chosen) {
        if (!archMatches(relation)) {
            return Optional.empty();
        }
        Resolution.Choice real = chosen.get(relation.name());
        if (real != null && relation.acceptsVersion(real.pkg().version())) {
            return Optional.of(relation.name());
        }
        return index.providers(relation.name()).stream()
                .filter(p -> chosen.containsKey(p.pkg().name())
                        && chosen.get(p.pkg().name()).pkg().equals(p.pkg())
                        && relation.acceptsVersion(p.providedVersion()))
                .map(p -> p.pkg().name())
                .findFirst();
    }

    private static boolean compatible(DebPackage pkg, Map<String, Resolution.Choice> chosen) {
        Resolution.Choice existing = chosen.get(pkg.name());
        return existing == null || existing.pkg().equals(pkg);
    }

    /** Only one architecture is installed, so {@code :any}, {@code :native} and the native name all match it. */
    private boolean archMatches(Relation relation) {
        String qualifier = relation.archQualifier();
        return qualifier == null
                || qualifier.equals("any")
                || qualifier.equals("native")
                || qualifier.equals(architecture);
    }

    private DebResolutionException missingRoot(Relation root) {
        if (!index.packages(root.name()).isEmpty()
                || !index.providers(root.name()).isEmpty()) {
            return new DebResolutionException(
                    root.name(),
                    List.of(),
                    "No version of package '" + root.name() + "' satisfies '" + root + "'; available: "
                            + index.packages(root.name()).stream()
                                    .map(p -> p.version().toString())
                                    .collect(Collectors.joining(", "))
                            + ". Change the requested version.");
        }
        List<String> suggestions = NameSuggestions.closest(root.name(), index.names(), 5);
        String hint = suggestions.isEmpty() ? "" : " Did you mean: " + String.join(", ", suggestions) + "?";
        return new DebResolutionException(
                root.name(),
                List.of(),
                "Package '" + root.name() + "' is not in the configured Debian sources." + hint
                        + " Check the name, or add the suite or component that has it.");
    }

    private DebResolutionException unsatisfiable(
            DebPackage parent, String field, String group, Map<String, Resolution.Choice> chosen) {
        List<String> chain = new ArrayList<>(Resolution.chain(parent.name(), chosen));
        return new DebResolutionException(
                group,
                chain,
                "Cannot satisfy " + field + " '" + group + "' of " + parent.id() + ", needed by "
                        + String.join(" -> ", chain) + ": no package in the configured sources matches"
                        + " (or the match clashes with a version already chosen). Add a source that has it.");
    }
}
