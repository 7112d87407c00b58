package dev.stage1kvm.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Applies tar layers, lowest first, to a rootfs folder (OCI image spec 1.1, "Image Layer Filesystem Changeset").
 * Nothing is written or deleted through a symlink: every parent of an entry must be a real folder inside the
 * rootfs, files are created new, and a hard link may only name a regular file already inside it. Whiteouts
 * ({@code .wh.<name>}) delete from lower layers; an opaque whiteout ({@code .wh..wh..opq}) empties its folder of
 * everything lower layers put there.
 */
final class TreeWriter {

    static final String WHITEOUT_PREFIX = ".wh.";
    static final String OPAQUE_WHITEOUT = ".wh..wh..opq";

    /** Mode of a parent folder that a layer does not list. */
    private static final int IMPLIED_DIRECTORY_MODE = 0755;

    private final Path root;
    private final boolean setOwners;
    private final TreeMap<String, Integer> directoryModes = new TreeMap<>();
    private Set<String> writtenThisLayer = new HashSet<>();
    private int skippedSpecialFiles;

    /**
     * @param root the rootfs folder, which must exist
     * @param setOwners give files the tar's owners (only root may)
     */
    TreeWriter(Path root, boolean setOwners) {
        this.root = root;
        this.setOwners = setOwners;
    }

    /**
     * Applies one layer.
     *
     * @param where names the layer in errors, e.g. {@code layer 2 (sha256:ab12...)}
     * @throws LayerException when an entry would leave the rootfs or the tar is unreadable
     */
    void apply(InputStream layerTar, String where) throws IOException {
        writtenThisLayer = new HashSet<>();
        TarArchiveInputStream tar = new TarArchiveInputStream(LayerStreams.namingReadErrors(layerTar, where), "UTF-8");
        TarArchiveEntry entry;
        while ((entry = next(tar, where)) != null) {
            String path = LayerPaths.normalize(entry.getName(), where);
            if (!path.isEmpty()) {
                write(entry, path, tar, where);
            }
        }
    }

    /** Sets the folders' modes, deepest first, once every layer is in. */
    void finish() throws IOException {
        for (Map.Entry<String, Integer> dir : directoryModes.descendingMap().entrySet()) {
            Path path = root.resolve(dir.getKey());
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                setMode(path, dir.getValue());
            }
        }
    }

    /** Device nodes and fifos, which Java cannot create and which were left out. */
    int skippedSpecialFiles() {
        return skippedSpecialFiles;
    }

    /** A read error of the layer's stream already names the layer; it is thrown as it is. */
    private static TarArchiveEntry next(TarArchiveInputStream tar, String where) throws LayerException {
        try {
            return tar.getNextEntry();
        } catch (LayerException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new LayerException(
                    where + " is not a readable tar (" + e.getMessage() + "); the image is"
                            + " corrupt or truncated: save or pull it again",
                    e);
        }
    }

    private void write(TarArchiveEntry entry, String path, InputStream data, String where) throws IOException {
        String name = LayerPaths.fileName(path);
        String parent = LayerPaths.parent(path);
        if (name.equals(OPAQUE_WHITEOUT)) {
            java.util.Optional<Path> dir = safeDirectory(parent, path, where);
            if (dir.isPresent()) {
                opaque(dir.get(), parent);
            }
            return;
        }
        if (name.startsWith(WHITEOUT_PREFIX)) {
            String hidden = LayerPaths.child(parent, name.substring(WHITEOUT_PREFIX.length()));
            LayerPaths.normalize(hidden, where);
            if (safeDirectory(parent, path, where).isPresent()) {
                Trees.delete(root.resolve(hidden));
            }
            return;
        }
        createParents(parent, path, where);
        writeEntry(entry, path, data, where);
        writtenThisLayer.add(path);
    }

    private void writeEntry(TarArchiveEntry entry, String path, InputStream data, String where) throws IOException {
        Path target = root.resolve(path);
        if (entry.isDirectory()) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                Trees.delete(target);
                Files.createDirectory(target);
            }
            directoryModes.put(path, entry.getMode() & 07777);
        } else if (entry.isSymbolicLink()) {
            Trees.delete(target);
            Files.createSymbolicLink(target, target.getFileSystem().getPath(entry.getLinkName()));
        } else if (entry.isLink()) {
            hardLink(target, path, entry.getLinkName(), where);
        } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            skippedSpecialFiles++;
            return;
        } else if (entry.isFile()) {
            Trees.delete(target);
            writeFile(target, data, entry);
        } else {
            skippedSpecialFiles++;
            return;
        }
        setOwner(target, entry);
    }

    private static void writeFile(Path target, InputStream data, TarArchiveEntry entry) throws IOException {
        try (OutputStream out = Files.newOutputStream(
                target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            data.transferTo(out);
        }
        setMode(target, entry.getMode() & 07777);
        Files.setLastModifiedTime(target, FileTime.from(entry.getModTime().toInstant()));
    }

    private void hardLink(Path target, String path, String linkName, String where) throws IOException {
        String existing = LayerPaths.normalize(linkName, where);
        if (existing.isEmpty()
                || safeDirectory(LayerPaths.parent(existing), path, where).isEmpty()
                || !Files.isRegularFile(root.resolve(existing), LinkOption.NOFOLLOW_LINKS)) {
            throw new LayerException(where + ": entry '" + path + "' is a hard link to '" + linkName + "', which is"
                    + " not a regular file inside the image; the layer is broken or hostile");
        }
        Trees.delete(target);
        Files.createLink(target, root.resolve(existing));
    }

    /** Creates missing parents; refuses a parent that is a symlink or a file, since writing through it could leave. */
    private void createParents(String parent, String path, String where) throws IOException {
        Path dir = root;
        for (String part : parent.isEmpty() ? new String[0] : parent.split("/")) {
            dir = dir.resolve(part);
            if (Files.isSymbolicLink(dir)
                    || (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)
                            && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS))) {
                throw new LayerException(where + ": entry '" + path + "' lies under '" + root.relativize(dir)
                        + "', which is a " + (Files.isSymbolicLink(dir) ? "symlink" : "file") + ", not a folder;"
                        + " writing through it could leave the rootfs, so the image is refused");
            }
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(dir);
                setMode(dir, IMPLIED_DIRECTORY_MODE);
            }
        }
    }

    /**
     * The folder at {@code path} when it and all its parents are real folders; empty when one is missing.
     *
     * @throws LayerException when one is a symlink or a file, which a whiteout must not reach through
     */
    private java.util.Optional<Path> safeDirectory(String path, String entry, String where) throws LayerException {
        Path dir = root;
        for (String part : path.isEmpty() ? new String[0] : path.split("/")) {
            dir = dir.resolve(part);
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                return java.util.Optional.empty();
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw notAFolder(entry, dir, where);
            }
        }
        return java.util.Optional.of(dir);
    }

    private LayerException notAFolder(String entry, Path dir, String where) {
        return new LayerException(where + ": entry '" + entry + "' lies under '" + root.relativize(dir) + "', which"
                + " is a " + (Files.isSymbolicLink(dir) ? "symlink" : "file") + ", not a folder; writing through it"
                + " could leave the rootfs, so the image is refused");
    }

    /** Removes what lower layers put in {@code dir}, keeping what this layer wrote there. */
    private void opaque(Path dir, String path) throws IOException {
        java.util.List<Path> children;
        try (var list = Files.list(dir)) {
            children = list.toList();
        }
        for (Path child : children) {
            String childPath = LayerPaths.child(path, child.getFileName().toString());
            if (!writtenThisLayer.contains(childPath)) {
                Trees.delete(child);
            } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                opaque(child, childPath);
            }
        }
    }

    private void setOwner(Path target, TarArchiveEntry entry) throws IOException {
        if (setOwners) {
            Files.setAttribute(target, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(target, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static void setMode(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    }
}
