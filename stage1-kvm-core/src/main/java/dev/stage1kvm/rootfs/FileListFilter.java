package dev.stage1kvm.rootfs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One run of {@link FileList#filter}: finds what the list keeps, then what the kept entries need. */
final class FileListFilter {

    private final FileList list;
    private final StagedTree tree;
    private final RootfsIndex index;
    private final Set<String> kept = new HashSet<>();
    private final Deque<String> pending = new ArrayDeque<>();

    FileListFilter(FileList list, StagedTree tree) {
        this.list = list;
        this.tree = tree;
        this.index = tree.index();
    }

    FileList.Result run() {
        List<String> unmatched = new ArrayList<>();
        for (FilePattern pattern : list.keeps()) {
            if (!keepMatches(pattern)) {
                unmatched.add(pattern.text());
            }
        }
        while (!pending.isEmpty()) {
            keepWhatItNeeds(pending.pollFirst());
        }
        return copyKept(unmatched);
    }

    /** Keeps what one pattern matches; false when it matches nothing. */
    private boolean keepMatches(FilePattern pattern) {
        List<String> prefix = pattern.literalPrefix();
        String prefixPath = String.join("/", prefix);
        if (!pattern.hasWildcard()) {
            return keepResolved(prefixPath);
        }
        String base = prefix.isEmpty() ? "" : resolvedDirectory(prefixPath);
        if (base == null) {
            return false;
        }
        boolean matched = false;
        for (String path : tree.entries().keySet()) {
            if (base.isEmpty() || path.startsWith(base + "/")) {
                List<String> below = List.of(
                        path.substring(base.isEmpty() ? 0 : base.length() + 1).split("/"));
                List<String> asWritten = concat(prefix, below);
                if (pattern.matchesBelow(asWritten, prefix.size())) {
                    keep(path);
                    matched = true;
                }
            }
        }
        return matched;
    }

    /** Follows a path through links, keeping each link; keeps the entry it ends at, if there is one. */
    private boolean keepResolved(String path) {
        RootfsIndex.Resolution resolution = index.resolve(path, this::keep);
        if (resolution instanceof RootfsIndex.Found found) {
            keep(found.path());
            return true;
        }
        return false;
    }

    private String resolvedDirectory(String path) {
        RootfsIndex.Resolution resolution = index.resolve(path, this::keep);
        if (resolution instanceof RootfsIndex.Found found && found.entry().type() == RootfsIndex.Type.DIRECTORY) {
            return found.path();
        }
        return null;
    }

    private void keepWhatItNeeds(String path) {
        StagedEntry entry = tree.entries().get(path);
        if (entry instanceof StagedEntry.Symlink) {
            keepResolved(path);
        } else if (entry instanceof StagedEntry.HardLink link) {
            keep(RootfsPath.normalize(link.targetPath()));
        }
    }

    private void keep(String path) {
        if (!list.isExcluded(path) && tree.entries().containsKey(path) && kept.add(path)) {
            pending.addLast(path);
        }
    }

    private FileList.Result copyKept(List<String> unmatched) {
        Set<String> withParents = new HashSet<>(kept);
        for (String path : kept) {
            for (String parent = RootfsPath.parent(path); parent != null; parent = RootfsPath.parent(parent)) {
                withParents.add(parent);
            }
        }
        StagedTree out = new StagedTree();
        int dropped = 0;
        long droppedBytes = 0;
        for (Map.Entry<String, StagedEntry> entry : tree.entries().entrySet()) {
            if (withParents.contains(entry.getKey())) {
                out.put(entry.getKey(), entry.getValue());
            } else {
                dropped++;
                droppedBytes += entry.getValue() instanceof StagedEntry.RegularFile file ? file.sizeBytes() : 0;
            }
        }
        return new FileList.Result(out, out.size(), dropped, droppedBytes, List.copyOf(unmatched));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
