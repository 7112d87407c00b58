package dev.stage1kvm.deb;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Finds names close to a mistyped one by Levenshtein edit distance. */
final class NameSuggestions {

    private NameSuggestions() {}

    /**
     * Up to {@code limit} names whose edit distance to {@code wanted} is at most a third of its length (and at least
     * 2), closest first, then alphabetical.
     */
    static List<String> closest(String wanted, Collection<String> names, int limit) {
        int maxDistance = Math.max(2, wanted.length() / 3);
        return names.stream()
                .filter(n -> Math.abs(n.length() - wanted.length()) <= maxDistance)
                .map(n -> new Scored(n, distance(wanted, n)))
                .filter(s -> s.distance() <= maxDistance)
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(limit)
                .map(Scored::name)
                .toList();
    }

    private record Scored(String name, int distance) {}

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
