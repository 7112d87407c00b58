package dev.stage1kvm.rootfs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds a folder or a file of the host to a {@link StagedTree}. Symbolic links are never followed: they become links
 * in the rootfs, and a relative link that would climb out of the rootfs is refused. Hard links between files of the
 * folder stay hard links. Modes are normalised (DESIGN.md section 5) so that the host's umask does not matter.
 */
public final class HostTree {

    /** Set-user-id and set-group-id: kept where the source had them. */
    private static final int SET_ID_BITS = 06000;

    private static final int ANY_EXECUTE_BITS = 0111;

    private HostTree() {}

    /**
     * Stages every entry under {@code folder} at {@code guestPath}.
     *
     * @param inputName names the input in error messages, as the user wrote it
     * @return the number of entries staged
     */
    public static int addFolder(Path folder, String guestPath, StagedTree tree, String inputName) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(
                    inputName,
                    "folder '" + folder + "' does not exist or is not a folder;" + " create it or correct the path");
        }
        List<Path> paths = new ArrayList<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                paths.add(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                paths.add(file);
                return FileVisitResult.CONTINUE;
            }
        });
        // Archive order, so that the first of several hard-linked paths is the one written as a file.
        paths.sort(Comparator.comparing(path -> folder.relativize(path).toString(), RootfsPath.ORDER));
        Map<Object, String> firstPathOfInode = new HashMap<>();
        String base = guestPath.equals("/") || guestPath.isEmpty() ? "" : RootfsPath.normalize(guestPath) + "/";
        for (Path path : paths) {
            Path relative = folder.relativize(path);
            if (relative.toString().isEmpty()) {
                if (!base.isEmpty()) {
                    tree.put(base, new StagedEntry.Directory(0755));
                }
                continue;
            }
            String target = base + relative.toString().replace('\\', '/');
            addEntry(path, target, tree, inputName, firstPathOfInode);
        }
        return paths.size();
    }

    /** Stages one host file (never a link or folder) at {@code guestPath}. */
    public static void addFile(Path file, String guestPath, StagedTree tree, String inputName) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(
                    inputName, "file '" + file + "' does not exist or is not a regular file;" + " correct the path");
        }
        tree.put(guestPath, regularFile(file, mode(file)));
    }

    /** Normalises a host file's mode: 0755 when any execute bit is set, else 0644; set-id bits kept. */
    public static int normalizedFileMode(int hostMode) {
        int base = (hostMode & ANY_EXECUTE_BITS) != 0 ? 0755 : 0644;
        return base | (hostMode & SET_ID_BITS);
    }

    private static void addEntry(
            Path path, String target, StagedTree tree, String inputName, Map<Object, String> firstPathOfInode)
            throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.isDirectory()) {
            tree.put(target, new StagedEntry.Directory(0755));
        } else if (attrs.isSymbolicLink()) {
            tree.put(target, symlink(path, target, inputName));
        } else if (attrs.isRegularFile()) {
            addRegularFile(path, target, tree, firstPathOfInode);
        } else {
            throw new InvalidInputException(
                    inputName,
                    "'" + path + "' is a device, socket or pipe; a stage1 rootfs"
                            + " takes files, folders and links only, so remove it from the input folder");
        }
    }

    private static void addRegularFile(Path path, String target, StagedTree tree, Map<Object, String> firstPathOfInode)
            throws IOException {
        int linkCount = (Integer) Files.getAttribute(path, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        if (linkCount > 1) {
            Object inode = List.of(
                    Files.getAttribute(path, "unix:dev", LinkOption.NOFOLLOW_LINKS),
                    Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS));
            String first = firstPathOfInode.putIfAbsent(inode, target);
            if (first != null) {
                tree.put(target, new StagedEntry.HardLink(first));
                return;
            }
        }
        tree.put(target, regularFile(path, mode(path)));
    }

    private static StagedEntry.Symlink symlink(Path path, String target, String inputName) throws IOException {
        String linkTarget = Files.readSymbolicLink(path).toString();
        if (!linkTarget.startsWith("/") && RootfsPath.resolveLink(target, linkTarget) == null) {
            throw new InvalidInputException(
                    inputName,
                    "symlink '" + path + "' -> '" + linkTarget + "' points outside" + " the rootfs (it would become /"
                            + target + "); make it point inside the image or remove it");
        }
        return new StagedEntry.Symlink(linkTarget);
    }

    private static StagedEntry.RegularFile regularFile(Path path, int mode) throws IOException {
        return new StagedEntry.RegularFile(new StagedEntry.HostFile(path), Files.size(path), mode);
    }

    private static int mode(Path path) throws IOException {
        return normalizedFileMode((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS));
    }
}
