package dev.stage1kvm.rootfs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** How links change when {@link MergedUsr} moves {@code /bin}, {@code /sbin} and {@code /lib*} under {@code /usr}. */
final class UsrMergeLinks {

    private UsrMergeLinks() {}

    /** {@code entry}, once moved from {@code path} to {@code newPath}, with its links still naming the same entry. */
    static StagedEntry moved(String path, String newPath, StagedEntry entry, Set<String> moving) {
        if (entry instanceof StagedEntry.HardLink link) {
            return new StagedEntry.HardLink(newPath(RootfsPath.normalize(link.targetPath()), moving));
        }
        if (entry instanceof StagedEntry.Symlink link && !link.target().startsWith("/") && !newPath.equals(path)) {
            return new StagedEntry.Symlink(retarget(path, newPath, link.target(), moving));
        }
        return entry;
    }

    /** Where a path lands: under usr/ when its top folder moves. */
    static String newPath(String path, Set<String> moving) {
        return moving.contains(path.split("/", 2)[0]) ? "usr/" + path : path;
    }

    /**
     * The relative target a link moved from {@code path} to {@code newPath} needs to reach what it reached before,
     * or its target unchanged when that still does. A target that climbed out of the rootfs is left as it was.
     */
    static String retarget(String path, String newPath, String target, Set<String> moving) {
        String before = RootfsPath.resolveLink(path, target);
        if (before == null) {
            return target;
        }
        String wanted = before.isEmpty() ? "" : newPath(before, moving);
        String after = RootfsPath.resolveLink(newPath, target);
        if (after != null && (after.isEmpty() ? "" : newPath(after, moving)).equals(wanted)) {
            return target;
        }
        return relative(RootfsPath.parent(newPath), wanted);
    }

    /** The relative path from folder {@code fromFolder} (null: the rootfs) to {@code to} ("" : the rootfs). */
    static String relative(String fromFolder, String to) {
        List<String> from = fromFolder == null ? List.of() : List.of(fromFolder.split("/"));
        List<String> target = to.isEmpty() ? List.of() : List.of(to.split("/"));
        int common = 0;
        while (common < from.size()
                && common < target.size()
                && from.get(common).equals(target.get(common))) {
            common++;
        }
        List<String> parts = new ArrayList<>(Collections.nCopies(from.size() - common, ".."));
        parts.addAll(target.subList(common, target.size()));
        return parts.isEmpty() ? "." : String.join("/", parts);
    }
}
