package dev.stage1kvm.rootfs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fixed layout of a stage1 rootfs, written as a list of entries (stage1-assets' {@code layout.list}):
 *
 * <pre>
 * dir &lt;guest path&gt;                            an empty folder, mode 0755
 * symlink &lt;guest path&gt; &lt;target&gt;               a symbolic link; the target is kept as written
 * file &lt;guest path&gt; &lt;octal mode&gt; &lt;resource&gt;   a file holding the bytes of a resource of stage1-assets
 * </pre>
 *
 * Fields are separated by single spaces; blank lines and lines starting with {@code #} are ignored; guest paths are
 * absolute; later lines win.
 */
final class LayoutInput implements RootfsInput {

    private static final int DIRECTORY_MODE = 0755;
    private static final int MAX_MODE = 07777;

    private final String listName;
    private final Map<String, StagedEntry> entries;

    /**
     * @param resources gives the bytes of a {@code file} line's resource
     * @throws InvalidFileListException naming the line of a bad entry
     */
    LayoutInput(String listName, String text, Function<String, byte[]> resources) {
        this.listName = listName;
        this.entries = parse(listName, text, resources);
    }

    @Override
    public String description() {
        return "stage1 layout " + listName + " (" + entries.size() + " entries)";
    }

    @Override
    public void addTo(StagedTree tree) {
        entries.forEach(tree::put);
    }

    /** The entries, by guest path as written, in the order of the list. */
    Map<String, StagedEntry> entries() {
        return entries;
    }

    private static Map<String, StagedEntry> parse(String listName, String text, Function<String, byte[]> resources) {
        Map<String, StagedEntry> entries = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                List<String> fields = List.of(line.split(" ", -1));
                StagedEntry entry = entry(fields, resources);
                entries.put(guestPath(fields.get(1)), entry);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new InvalidFileListException(listName, i + 1, line, e.getMessage());
            }
        }
        return entries;
    }

    private static StagedEntry entry(List<String> fields, Function<String, byte[]> resources) {
        switch (fields.get(0)) {
            case "dir":
                expectFields(fields, 2, "dir <guest path>");
                return new StagedEntry.Directory(DIRECTORY_MODE);
            case "symlink":
                expectFields(fields, 3, "symlink <guest path> <target>");
                return new StagedEntry.Symlink(fields.get(2));
            case "file":
                expectFields(fields, 4, "file <guest path> <octal mode> <resource>");
                byte[] data = resources.apply(fields.get(3));
                return new StagedEntry.RegularFile(new StagedEntry.Bytes(data), data.length, mode(fields.get(2)));
            default:
                throw new IllegalArgumentException(
                        "unknown kind '" + fields.get(0) + "'; expected one of dir, symlink," + " file");
        }
    }

    private static void expectFields(List<String> fields, int count, String form) {
        if (fields.size() != count || fields.contains("")) {
            throw new IllegalArgumentException("expected '" + form + "', fields separated by single spaces");
        }
    }

    private static String guestPath(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("the guest path must be absolute, as in /etc/passwd");
        }
        return RootfsPath.normalize(path);
    }

    private static int mode(String octal) {
        try {
            int mode = Integer.parseInt(octal, 8);
            if (mode >= 0 && mode <= MAX_MODE) {
                return mode;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("mode '" + octal + "' is not an octal mode such as 0644");
    }
}
