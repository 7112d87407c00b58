package dev.stage1kvm.rootfs;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The merged-/usr layout (DESIGN.md section 3): {@code /bin}, {@code /sbin}, {@code /lib} and {@code /lib64}, and
 * {@code /lib32} and {@code /libx32} when present, become relative links into {@code usr/}, and what they held moves
 * under {@code /usr}. Relative symlinks that would point elsewhere once moved are re-targeted; absolute ones still
 * resolve through the new top-level links and are kept as written. Hard links follow the files they name.
 *
 * <p>A path held both at {@code /bin/x} and {@code /usr/bin/x} is one entry afterwards: when both are the same (the
 * same bytes and mode, the same link target, or two folders) or one is a link that resolves to the other, the real
 * entry is kept; any other pair is a {@link UsrMergeConflictException}.
 */
public final class MergedUsr {

    /** Linked into usr/ always, so that /bin/sh and the x86-64 loader /lib64/ld-linux-x86-64.so.2 resolve. */
    static final List<String> ALWAYS_LINKED = List.of("bin", "sbin", "lib", "lib64");

    /** Linked into usr/ only when the tree has them (multilib packages). */
    static final List<String> LINKED_IF_PRESENT = List.of("lib32", "libx32");

    private static final String USR = "usr";

    private MergedUsr() {}

    /**
     * The merged form of {@code tree}, as a new tree; {@code tree} is not changed.
     *
     * @throws UsrMergeConflictException naming both paths when two different entries would meet
     * @throws InvalidInputException when a top-level folder to merge is a link elsewhere or a file
     * @throws IOException when the bytes of two host files to compare cannot be read
     */
    public static StagedTree apply(StagedTree tree) throws IOException {
        Set<String> moving = foldersToMove(tree);
        Map<String, StagedEntry> usrEntries = new LinkedHashMap<>();
        Map<String, String> movedFrom = new LinkedHashMap<>();
        RootfsIndex index = tree.index();
        for (Map.Entry<String, StagedEntry> source : tree.entries().entrySet()) {
            String path = source.getKey();
            String top = path.split("/", 2)[0];
            if (moving.contains(top) && path.equals(top)) {
                continue;
            }
            String newPath = moving.contains(top) ? USR + "/" + path : path;
            StagedEntry moved = UsrMergeLinks.moved(path, newPath, source.getValue(), moving);
            if (!newPath.equals(path)) {
                movedFrom.put(newPath, path);
            }
            StagedEntry previous = usrEntries.putIfAbsent(newPath, moved);
            if (previous != null) {
                usrEntries.put(
                        newPath, UsrMergeConflicts.pick(tree, index, movedFrom.get(newPath), previous, path, moved));
            }
        }
        StagedTree merged = new StagedTree();
        usrEntries.forEach(merged::put);
        addTopLinks(merged, tree, moving);
        return merged;
    }

    private static Set<String> foldersToMove(StagedTree tree) {
        Set<String> moving = new TreeSet<>();
        for (String top : allCandidates()) {
            StagedEntry entry = tree.entries().get(top);
            if (entry instanceof StagedEntry.Directory) {
                moving.add(top);
            } else if (entry != null && !isLinkIntoUsr(top, entry)) {
                throw new InvalidInputException(
                        "merged /usr",
                        "/" + top + " is " + describe(entry) + ", not a folder or a link to usr/" + top
                                + "; remove it from the inputs");
            }
        }
        return moving;
    }

    private static void addTopLinks(StagedTree merged, StagedTree original, Set<String> moving) {
        for (String top : allCandidates()) {
            boolean wanted = ALWAYS_LINKED.contains(top) || moving.contains(top) || original.contains(top);
            if (!wanted) {
                continue;
            }
            if (!merged.contains(USR + "/" + top)) {
                merged.put(USR + "/" + top, new StagedEntry.Directory(0755));
            }
            merged.put(top, new StagedEntry.Symlink(USR + "/" + top));
        }
    }

    private static boolean isLinkIntoUsr(String top, StagedEntry entry) {
        return entry instanceof StagedEntry.Symlink link
                && (USR + "/" + top).equals(RootfsPath.resolveLink(top, link.target()));
    }

    static String describe(StagedEntry entry) {
        if (entry instanceof StagedEntry.Symlink link) {
            return "a link to '" + link.target() + "'";
        } else if (entry instanceof StagedEntry.HardLink link) {
            return "a hard link to /" + link.targetPath();
        } else if (entry instanceof StagedEntry.Directory) {
            return "a folder";
        }
        return "a file";
    }

    private static List<String> allCandidates() {
        return java.util.stream.Stream.concat(ALWAYS_LINKED.stream(), LINKED_IF_PRESENT.stream())
                .toList();
    }
}
