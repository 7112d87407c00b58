package dev.stage1kvm.deb;

import dev.stage1kvm.rootfs.RootfsPath;
import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import java.io.IOException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Turns the entries of a {@code data.tar} into staged entries, refusing anything that could reach outside the rootfs.
 * Nothing is written to the host's file system except content-addressed blobs in the cache.
 */
final class DataTarReader {

    /** Files up to this size stay in memory; larger ones go to the cache, so a rootfs never sits in the heap. */
    static final int INLINE_LIMIT_BYTES = 64 * 1024;
    /** Permission, set-id and sticky bits of a tar mode field; the file-type bits are dropped. */
    private static final int MODE_BITS = 07777;

    private final String source;
    private final DebCache cache;

    DataTarReader(String source, DebCache cache) {
        this.source = source;
        this.cache = cache;
    }

    void read(TarArchiveInputStream tar, StagedTree tree) throws IOException {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            String path = guestPath(entry.getName(), entry.getName());
            if (path == null) {
                continue;
            }
            refusePathThroughSymlink(tree, path, entry.getName());
            tree.put(path, staged(entry, path, tar, tree));
        }
    }

    private StagedEntry staged(TarArchiveEntry entry, String path, TarArchiveInputStream tar, StagedTree tree)
            throws IOException {
        int mode = entry.getMode() & MODE_BITS;
        if (entry.isFIFO() || entry.isCharacterDevice() || entry.isBlockDevice()) {
            throw error(entry.getName(), "is a device node or FIFO, which a rootfs built from packages must not hold");
        } else if (entry.isDirectory()) {
            return new StagedEntry.Directory(mode);
        } else if (entry.isSymbolicLink()) {
            return symlink(entry, path);
        } else if (entry.isLink()) {
            return hardLink(entry, tree);
        } else if (entry.isFile()) {
            return regularFile(entry, tar, mode);
        }
        throw error(entry.getName(), "has tar type '" + (char) entry.getLinkFlag() + "', which is not supported");
    }

    private StagedEntry regularFile(TarArchiveEntry entry, TarArchiveInputStream tar, int mode) throws IOException {
        long size = entry.getSize();
        if (size <= INLINE_LIMIT_BYTES) {
            byte[] data = tar.readAllBytes();
            return new StagedEntry.RegularFile(new StagedEntry.Bytes(data), data.length, mode);
        }
        String sha256 = cache.store(tar);
        return new StagedEntry.RegularFile(new StagedEntry.HostFile(cache.blobPath(sha256)), size, mode);
    }

    private StagedEntry symlink(TarArchiveEntry entry, String path) {
        String target = entry.getLinkName();
        if (target.isEmpty() || RootfsPath.resolveLink(path, target) == null) {
            throw error(entry.getName(), "is a symlink to '" + target + "', which points outside the rootfs");
        }
        return new StagedEntry.Symlink(target);
    }

    private StagedEntry hardLink(TarArchiveEntry entry, StagedTree tree) {
        String target = guestPath(entry.getLinkName(), entry.getName());
        if (target == null || !(tree.get(target) instanceof StagedEntry.RegularFile)) {
            throw error(entry.getName(), "is a hard link to '" + entry.getLinkName() + "', not an earlier file");
        }
        return new StagedEntry.HardLink(target);
    }

    /** The normalised rootfs path of a tar name, or {@code null} for the root itself ({@code ./}). */
    private String guestPath(String name, String entryName) {
        return guestPath(source, name, entryName);
    }

    /**
     * The normalised rootfs path of a tar name, or {@code null} for the root itself ({@code ./}).
     *
     * @param source the package and member, for the error
     * @param entryName the entry whose name (or link name) this is, for the error
     * @throws DebFormatException when the name is absolute or climbs out of the root
     */
    static String guestPath(String source, String name, String entryName) {
        if (name.startsWith("/")) {
            throw error(source, entryName, "names '" + name + "'; package entries are relative to the root ('./...')");
        }
        String relative = name.startsWith("./") ? name.substring(2) : name;
        if (relative.isEmpty() || relative.equals(".") || relative.equals("./")) {
            return null;
        }
        try {
            return RootfsPath.normalize(relative);
        } catch (IllegalArgumentException e) {
            throw error(source, entryName, e.getMessage());
        }
    }

    private void refusePathThroughSymlink(StagedTree tree, String path, String name) {
        for (String parent = RootfsPath.parent(path); parent != null; parent = RootfsPath.parent(parent)) {
            if (tree.get(parent) instanceof StagedEntry.Symlink) {
                throw error(name, "lies below '" + parent + "', which this package made a symlink");
            }
        }
    }

    private DebFormatException error(String entryName, String problem) {
        return error(source, entryName, problem);
    }

    private static DebFormatException error(String source, String entryName, String problem) {
        return new DebFormatException(source + " entry '" + entryName + "'", null, problem);
    }
}
