package dev.stage1kvm.rootfs;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A rootfs described entry by entry, in {@link RootfsPath#ORDER}. Nothing is copied: regular files point at their
 * bytes on the host until the archive is written. Missing parent directories are added with mode 0755.
 */
public final class StagedTree {

    private static final int DIRECTORY_MODE = 0755;

    private final NavigableMap<String, StagedEntry> entries = new TreeMap<>(RootfsPath.ORDER);

    /**
     * Puts an entry at a guest path, replacing whatever was there. A directory replaced by a non-directory loses its
     * children.
     */
    public StagedTree put(String guestPath, StagedEntry entry) {
        String path = RootfsPath.normalize(guestPath);
        addParents(path);
        StagedEntry previous = entries.put(path, entry);
        if (previous instanceof StagedEntry.Directory && !(entry instanceof StagedEntry.Directory)) {
            removeDescendants(path);
        }
        return this;
    }

    /** Copies every entry of {@code overlay} into this tree; the overlay's entries win. */
    public StagedTree overlay(StagedTree overlay) {
        overlay.entries.forEach(this::put);
        return this;
    }

    /** A copy of this tree that later changes to either do not affect. */
    public StagedTree copy() {
        StagedTree copy = new StagedTree();
        copy.entries.putAll(entries);
        return copy;
    }

    public StagedEntry get(String guestPath) {
        return entries.get(RootfsPath.normalize(guestPath));
    }

    public boolean contains(String guestPath) {
        return entries.containsKey(RootfsPath.normalize(guestPath));
    }

    /** All entries, in archive order. */
    public Map<String, StagedEntry> entries() {
        return Collections.unmodifiableNavigableMap(entries);
    }

    public int size() {
        return entries.size();
    }

    /** The tree's entries without their bytes, for link resolution and rule checks. */
    public RootfsIndex index() {
        Map<String, RootfsIndex.Entry> index = new TreeMap<>(RootfsPath.ORDER);
        entries.forEach((path, entry) -> index.put(path, indexEntry(entry)));
        return new RootfsIndex(index);
    }

    private static RootfsIndex.Entry indexEntry(StagedEntry entry) {
        if (entry instanceof StagedEntry.Directory) {
            return new RootfsIndex.Entry(RootfsIndex.Type.DIRECTORY, entry.mode(), null);
        } else if (entry instanceof StagedEntry.Symlink link) {
            return new RootfsIndex.Entry(RootfsIndex.Type.SYMLINK, entry.mode(), link.target());
        } else if (entry instanceof StagedEntry.HardLink link) {
            return new RootfsIndex.Entry(RootfsIndex.Type.HARDLINK, entry.mode(), link.targetPath());
        }
        return new RootfsIndex.Entry(RootfsIndex.Type.FILE, entry.mode(), null);
    }

    private void addParents(String path) {
        String parent = RootfsPath.parent(path);
        if (parent == null) {
            return;
        }
        StagedEntry existing = entries.get(parent);
        if (existing instanceof StagedEntry.Directory) {
            return;
        }
        addParents(parent);
        entries.put(parent, new StagedEntry.Directory(DIRECTORY_MODE));
    }

    private void removeDescendants(String path) {
        entries.keySet().removeIf(key -> key.startsWith(path + "/"));
    }
}
