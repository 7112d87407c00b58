package dev.stage1kvm.rootfs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Says which entries of a staged rootfs to keep: a plain-text list of guest path patterns, one per line.
 *
 * <ul>
 *   <li>Blank lines and lines starting with {@code #} are ignored; nothing else is a comment, and a line may not
 *       start or end with white space.
 *   <li>A pattern is an absolute guest path. {@code *} matches any run of characters, possibly none, inside one
 *       segment; a segment that is exactly {@code **} matches zero or more whole segments. No other character is
 *       special.
 *   <li>A line starting with {@code !} excludes: an entry matching any exclude pattern is dropped, whatever else
 *       matches it. The order of lines does not matter.
 * </ul>
 *
 * <p>An entry is kept when it matches a keep pattern and no exclude pattern. The part of a keep pattern before its
 * first wildcard is followed through symlinks, so {@code /bin/busybox} keeps {@code usr/bin/busybox} and the link
 * {@code bin} of a merged-/usr tree. Then, for every kept entry, its parent directories, the links its path goes
 * through, the entry a kept link points at and the file a kept hard link names are kept too, unless excluded.
 */
public final class FileList {

    private static final String COMMENT = "#";
    private static final String EXCLUDE = "!";

    private final String name;
    private final List<FilePattern> keeps;
    private final List<FilePattern> excludes;

    private FileList(String name, List<FilePattern> keeps, List<FilePattern> excludes) {
        this.name = name;
        this.keeps = List.copyOf(keeps);
        this.excludes = List.copyOf(excludes);
    }

    /**
     * Parses a list.
     *
     * @param name names the list in errors and logs, e.g. {@code userland.list}
     * @throws InvalidFileListException naming the list, the line number and what is wrong
     */
    public static FileList parse(String name, String text) {
        List<FilePattern> keeps = new ArrayList<>();
        List<FilePattern> excludes = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.startsWith(COMMENT)) {
                continue;
            }
            if (!line.equals(line.strip())) {
                throw new InvalidFileListException(
                        name, i + 1, line, "white space at the start or end; remove it (spaces belong to the path)");
            }
            boolean exclude = line.startsWith(EXCLUDE);
            try {
                (exclude ? excludes : keeps).add(FilePattern.parse(exclude ? line.substring(1) : line));
            } catch (IllegalArgumentException e) {
                throw new InvalidFileListException(name, i + 1, line, e.getMessage());
            }
        }
        return new FileList(name, keeps, excludes);
    }

    public String name() {
        return name;
    }

    /**
     * This list with every one of {@code guestPaths} kept as written, without wildcards: the libraries the ELF closure
     * found, for example.
     */
    public FileList plus(Collection<String> guestPaths) {
        List<FilePattern> more = new ArrayList<>(keeps);
        guestPaths.forEach(path -> more.add(FilePattern.literal(path)));
        return new FileList(name, more, excludes);
    }

    /** The keep patterns, as written. */
    public List<String> keepPatterns() {
        return keeps.stream().map(FilePattern::text).toList();
    }

    /** The exclude patterns, as written without their {@code !}. */
    public List<String> excludePatterns() {
        return excludes.stream().map(FilePattern::text).toList();
    }

    /** Whether a path matches a keep pattern and no exclude pattern, taken literally (no link is followed). */
    public boolean matches(String guestPath) {
        String path = RootfsPath.normalize(guestPath);
        return !isExcluded(path) && keeps.stream().anyMatch(pattern -> pattern.matches(path));
    }

    boolean isExcluded(String path) {
        return excludes.stream().anyMatch(pattern -> pattern.matches(path));
    }

    List<FilePattern> keeps() {
        return keeps;
    }

    /**
     * What {@link #filter} kept and dropped.
     *
     * @param unmatchedPatterns the keep patterns that matched nothing, as written: a misspelt path, or a package that
     *     no longer holds the file
     */
    public record Result(
            StagedTree tree, int keptEntries, int droppedEntries, long droppedBytes, List<String> unmatchedPatterns) {}

    /** The entries of {@code tree} this list keeps, in a new tree; {@code tree} is not changed. */
    public Result filter(StagedTree tree) {
        return new FileListFilter(this, tree).run();
    }

    /** As {@link #filter(StagedTree)}, and tells {@code debug} how much the list trimmed. */
    public Result filter(StagedTree tree, Consumer<String> debug) {
        Result result = filter(tree);
        debug.accept(name + " kept " + result.keptEntries() + " entries and dropped " + result.droppedEntries()
                + " entries, " + result.droppedBytes() + " bytes"
                + (result.unmatchedPatterns().isEmpty() ? "" : "; nothing matched " + result.unmatchedPatterns()));
        return result;
    }
}
