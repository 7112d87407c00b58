package dev.stage1kvm.deb;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One package relation as written in {@code Depends}, {@code Pre-Depends} or {@code Provides} (Debian Policy 7.1):
 * {@code name[:arch] [(op version)]}.
 *
 * @param name the package name
 * @param archQualifier {@code any}, {@code native}, an architecture, or {@code null} when none was written
 * @param operator the version operator, or {@code null} for an unversioned relation
 * @param version the version to compare with, or {@code null}
 */
public record Relation(String name, String archQualifier, Operator operator, DebVersion version) {

    private static final Pattern RELATION = Pattern.compile("(?<name>[a-z0-9][a-z0-9+.-]*)(?::(?<arch>[a-z0-9-]+))?"
            + "\\s*(?:\\(\\s*(?<op><<|<=|>=|>>|=|<|>)\\s*(?<version>[0-9A-Za-z][^)\\s]*)\\s*\\))?"
            + "\\s*(?:\\[[^]]*])?\\s*(?:<[^>]*>\\s*)*");

    /** Version operators; the obsolete {@code <} and {@code >} mean {@code <=} and {@code >=}. */
    public enum Operator {
        EARLIER("<<"),
        EARLIER_OR_EQUAL("<="),
        EQUAL("="),
        LATER_OR_EQUAL(">="),
        LATER(">>");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        static Operator of(String symbol) {
            switch (symbol) {
                case "<":
                    return EARLIER_OR_EQUAL;
                case ">":
                    return LATER_OR_EQUAL;
                default:
                    for (Operator op : values()) {
                        if (op.symbol.equals(symbol)) {
                            return op;
                        }
                    }
                    throw new IllegalArgumentException(symbol);
            }
        }

        /** Whether {@code candidate op wanted} holds. */
        public boolean test(DebVersion candidate, DebVersion wanted) {
            int c = candidate.compareTo(wanted);
            switch (this) {
                case EARLIER:
                    return c < 0;
                case EARLIER_OR_EQUAL:
                    return c <= 0;
                case EQUAL:
                    return c == 0;
                case LATER_OR_EQUAL:
                    return c >= 0;
                default:
                    return c > 0;
            }
        }
    }

    /** Whether a package (or a versioned provide) of this version meets the relation's version constraint. */
    public boolean acceptsVersion(DebVersion candidate) {
        if (operator == null) {
            return true;
        }
        return candidate != null && operator.test(candidate, version);
    }

    /**
     * Parses one relation.
     *
     * @param source names the field being read, for error messages
     */
    public static Relation parse(String text, String source) {
        Matcher m = RELATION.matcher(text.strip());
        if (!m.matches()) {
            throw new DebFormatException(source, text, "not a package relation 'name[:arch] [(op version)]'");
        }
        String op = m.group("op");
        return new Relation(
                m.group("name"),
                m.group("arch"),
                op == null ? null : Operator.of(op),
                op == null ? null : version(m.group("version"), text, source));
    }

    private static DebVersion version(String version, String relation, String source) {
        try {
            return DebVersion.parse(version);
        } catch (DebFormatException e) {
            throw new DebFormatException(source, relation, "bad version '" + version + "' in relation");
        }
    }

    /**
     * Parses a field such as {@code Depends}: comma-separated groups of {@code |}-separated alternatives.
     *
     * @return one list of alternatives per comma-separated group; empty for a null or blank field
     */
    public static List<List<Relation>> parseField(String field, String source) {
        List<List<Relation>> groups = new ArrayList<>();
        if (field == null || field.isBlank()) {
            return groups;
        }
        for (String group : field.split(",")) {
            List<Relation> alternatives = new ArrayList<>();
            for (String alternative : group.split("\\|")) {
                alternatives.add(parse(alternative, source));
            }
            groups.add(List.copyOf(alternatives));
        }
        return groups;
    }

    @Override
    public String toString() {
        String qualified = archQualifier == null ? name : name + ":" + archQualifier;
        return operator == null ? qualified : qualified + " (" + operator.symbol() + " " + version + ")";
    }
}
