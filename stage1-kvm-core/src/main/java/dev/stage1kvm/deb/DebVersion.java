package dev.stage1kvm.deb;

/**
 * A Debian package version, {@code [epoch:]upstream[-revision]}, ordered as Debian Policy 5.6.12 and dpkg order them:
 * the epoch numerically, then upstream and revision each by alternating runs of non-digits (letters before other
 * characters, {@code ~} before everything, even the end) and digits (numerically).
 */
public final class DebVersion implements Comparable<DebVersion> {

    private final long epoch;
    private final String upstream;
    private final String revision;
    private final String text;

    private DebVersion(long epoch, String upstream, String revision, String text) {
        this.epoch = epoch;
        this.upstream = upstream;
        this.revision = revision;
        this.text = text;
    }

    /**
     * Parses a version as written in a control file.
     *
     * @throws DebFormatException when the text is not a valid Debian version
     */
    public static DebVersion parse(String text) {
        String version = text.strip();
        int colon = version.indexOf(':');
        String epochText = colon < 0 ? "0" : version.substring(0, colon);
        String rest = version.substring(colon + 1);
        int dash = rest.lastIndexOf('-');
        String upstream = dash < 0 ? rest : rest.substring(0, dash);
        String revision = dash < 0 ? "" : rest.substring(dash + 1);
        boolean valid = !epochText.isEmpty()
                && epochText.length() < 10
                && allMatch(epochText, "")
                && !upstream.isEmpty()
                && allMatch(upstream, ".+~:-")
                && (dash < 0 || (!revision.isEmpty() && allMatch(revision, ".+~")));
        if (!valid) {
            throw new DebFormatException("Debian version", text, "not of the form [epoch:]upstream[-revision]");
        }
        return new DebVersion(Long.parseLong(epochText), upstream, revision, version);
    }

    /**
     * Whether every character is an ASCII letter or digit, or one of {@code extra}; an epoch (no extra characters)
     * must be all digits.
     */
    private static boolean allMatch(String text, String extra) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean digit = isDigit(ch);
            boolean letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
            boolean ok = extra.isEmpty() ? digit : digit || letter || extra.indexOf(ch) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public long epoch() {
        return epoch;
    }

    public String upstream() {
        return upstream;
    }

    /** The Debian revision, {@code ""} for a native package. */
    public String revision() {
        return revision;
    }

    @Override
    public int compareTo(DebVersion other) {
        int c = Long.compare(epoch, other.epoch);
        if (c == 0) {
            c = compareParts(upstream, other.upstream);
        }
        if (c == 0) {
            c = compareParts(revision, other.revision);
        }
        return c;
    }

    /** Compares one upstream or revision string with another by dpkg's rules. */
    static int compareParts(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int c = 0;
            while ((i < a.length() && !isDigit(a.charAt(i))) || (j < b.length() && !isDigit(b.charAt(j)))) {
                c = Integer.compare(weight(a, i), weight(b, j));
                if (c != 0) {
                    return c;
                }
                i++;
                j++;
            }
            int endA = digitsEnd(a, i);
            int endB = digitsEnd(b, j);
            c = compareNumbers(a.substring(Math.min(i, a.length()), endA), b.substring(Math.min(j, b.length()), endB));
            if (c != 0) {
                return c;
            }
            i = endA;
            j = endB;
        }
        return 0;
    }

    /** Sort weight of the character at {@code index}: {@code ~} lowest, then the end or a digit, letters, others. */
    private static int weight(String s, int index) {
        if (index >= s.length() || isDigit(s.charAt(index))) {
            return 0;
        }
        char ch = s.charAt(index);
        if (ch == '~') {
            return -1;
        }
        return Character.isLetter(ch) ? ch : ch + 256;
    }

    private static int digitsEnd(String s, int start) {
        int end = Math.min(start, s.length());
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    private static int compareNumbers(String a, String b) {
        String x = stripLeadingZeros(a);
        String y = stripLeadingZeros(b);
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    private static String stripLeadingZeros(String digits) {
        int k = 0;
        while (k < digits.length() && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DebVersion && compareTo((DebVersion) o) == 0;
    }

    @Override
    public int hashCode() {
        // Equal versions differ at most in leading zeros and empty-versus-zero digit runs; dropping every '0'
        // maps them to the same text.
        return Long.hashCode(epoch) * 31
                + (upstream + "-" + revision).replace("0", "").hashCode();
    }

    /** The version exactly as written. */
    @Override
    public String toString() {
        return text;
    }
}
