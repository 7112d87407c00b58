package dev.stage1kvm.rootfs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One pattern of a {@link FileList}: an absolute guest path whose segments may hold {@code *} (any characters inside
 * the segment) or be exactly {@code **} (zero or more whole segments).
 */
final class FilePattern {

    static final String ANY_SEGMENTS = "**";

    private final String text;
    private final List<String> segments;
    private final boolean literal;
    private final List<Pattern> compiled;

    private FilePattern(String text, List<String> segments, boolean literal) {
        this.text = text;
        this.segments = segments;
        this.literal = literal;
        this.compiled = literal
                ? null
                : segments.stream().map(FilePattern::compileSegment).toList();
    }

    /**
     * Parses a pattern.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static FilePattern parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("a pattern is an absolute guest path; write it with a leading '/'");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : text.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("empty, '.' or '..' path segment; write the path in its plain form");
            }
            if (segment.contains(ANY_SEGMENTS) && !segment.equals(ANY_SEGMENTS)) {
                throw new IllegalArgumentException("'**' must be a whole segment, as in /usr/share/**");
            }
            segments.add(segment);
        }
        return new FilePattern(text, List.copyOf(segments), false);
    }

    /** A pattern that matches exactly {@code guestPath}, whatever characters it holds. */
    static FilePattern literal(String guestPath) {
        String path = RootfsPath.normalize(guestPath);
        return new FilePattern("/" + path, List.of(path.split("/")), true);
    }

    String text() {
        return text;
    }

    /** The segments before the first one holding a wildcard: a path that links may be followed through. */
    List<String> literalPrefix() {
        int i = literal ? segments.size() : 0;
        while (i < segments.size() && !segments.get(i).contains("*")) {
            i++;
        }
        return segments.subList(0, i);
    }

    boolean hasWildcard() {
        return literalPrefix().size() < segments.size();
    }

    /** Whether a normalised rootfs path matches, segment by segment, without following links. */
    boolean matches(String path) {
        return matches(List.of(path.split("/")), 0, 0);
    }

    /** Whether the segments of {@code path} after {@code prefixLength} match this pattern's segments after it. */
    boolean matchesBelow(List<String> pathSegments, int prefixLength) {
        return matches(pathSegments, prefixLength, prefixLength);
    }

    private boolean matches(List<String> path, int p, int s) {
        if (s == segments.size()) {
            return p == path.size();
        }
        if (literal) {
            return path.subList(p, path.size()).equals(segments.subList(s, segments.size()));
        }
        if (segments.get(s).equals(ANY_SEGMENTS)) {
            for (int skip = p; skip <= path.size(); skip++) {
                if (matches(path, skip, s + 1)) {
                    return true;
                }
            }
            return false;
        }
        return p < path.size() && compiled.get(s).matcher(path.get(p)).matches() && matches(path, p + 1, s + 1);
    }

    private static Pattern compileSegment(String segment) {
        if (segment.equals(ANY_SEGMENTS)) {
            return null;
        }
        StringBuilder regex = new StringBuilder();
        String[] pieces = segment.split("\\*", -1);
        for (int i = 0; i < pieces.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(pieces[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    @Override
    public String toString() {
        return text;
    }
}
