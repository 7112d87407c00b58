package dev.stage1kvm.aci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an ACI's {@code manifest} and {@code rootfs/} into a fresh folder beside the target and renames it into
 * place at the end. Nothing is written through a symlink: every entry's parents must be directories this
 * extraction created, files are created new, and hard links may only name files already extracted.
 */
final class AciExtractor implements AciArchiveWalker.Visitor {

    /** Mode for a parent directory the archive does not list. */
    private static final int IMPLIED_DIRECTORY_MODE = 0755;

    private final Path file;
    private final Path root;
    private final Map<String, AciEntry.Type> created = new HashMap<>();
    private final List<AciEntry> directories = new ArrayList<>();

    private AciExtractor(Path file, Path root) {
        this.file = file;
        this.root = root;
    }

    static AciContents extract(Path aci, Path targetDir) throws IOException {
        Path target = targetDir.toAbsolutePath().normalize();
        requireEmptyOrAbsent(target);
        Path temp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".extract-");
        try {
            AciExtractor extractor = new AciExtractor(aci, temp);
            AciContents contents = AciArchiveWalker.walk(aci, extractor);
            extractor.finishDirectories();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return contents;
        } catch (IOException | RuntimeException | Error e) {
            deleteTree(temp, e);
            throw e;
        }
    }

    @Override
    public void visit(AciEntry entry, InputStream data) throws IOException {
        createParents(entry);
        if (created.containsKey(entry.name()) && entry.type() != AciEntry.Type.DIRECTORY) {
            throw fail(entry, "a " + describe(entry.type()) + " where an earlier entry needed a directory");
        }
        Path path = root.resolve(entry.name());
        switch (entry.type()) {
            case DIRECTORY -> createDirectory(entry, path);
            case FILE -> {
                Files.copy(data, path);
                setMode(path, entry.mode());
                Files.setLastModifiedTime(path, FileTime.from(entry.mtime()));
            }
            case SYMLINK -> {
                Files.createSymbolicLink(path, path.getFileSystem().getPath(entry.linkTarget()));
                Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(FileTime.from(entry.mtime()), null, null);
            }
            case HARDLINK -> createHardLink(entry, path);
            default ->
                throw fail(
                        entry,
                        "cannot extract a " + describe(entry.type())
                                + ": Java cannot create device nodes or fifos; read the image with rkt or tar instead");
        }
        created.put(entry.name(), entry.type());
    }

    private void createParents(AciEntry entry) throws IOException {
        String name = entry.name();
        for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
            String parent = name.substring(0, slash);
            AciEntry.Type type = created.get(parent);
            if (type == null) {
                Files.createDirectory(root.resolve(parent));
                created.put(parent, AciEntry.Type.DIRECTORY);
                setMode(root.resolve(parent), IMPLIED_DIRECTORY_MODE);
            } else if (type != AciEntry.Type.DIRECTORY) {
                throw fail(
                        entry,
                        "parent '" + parent + "' is a " + describe(type)
                                + ", not a directory; writing through it could leave the target folder");
            }
        }
    }

    private void createDirectory(AciEntry entry, Path path) throws IOException {
        if (created.get(entry.name()) == null) {
            Files.createDirectory(path);
        }
        directories.add(entry);
    }

    private void createHardLink(AciEntry entry, Path path) throws IOException {
        AciEntry.Type targetType = created.get(entry.linkTarget());
        if (targetType != AciEntry.Type.FILE && targetType != AciEntry.Type.HARDLINK) {
            throw fail(entry, "hard link to '" + entry.linkTarget() + "', which was not extracted as a file");
        }
        Files.createLink(path, root.resolve(entry.linkTarget()));
    }

    /** Directory modes and times go last, deepest first, so that read-only directories still get their children. */
    private void finishDirectories() throws IOException {
        directories.sort((a, b) -> b.name().compareTo(a.name()));
        for (AciEntry directory : directories) {
            Path path = root.resolve(directory.name());
            setMode(path, directory.mode() | 0700);
            Files.setLastModifiedTime(path, FileTime.from(directory.mtime()));
        }
        for (AciEntry directory : directories) {
            setMode(root.resolve(directory.name()), directory.mode());
        }
    }

    private static void setMode(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    }

    private static String describe(AciEntry.Type type) {
        return type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private AciFormatException fail(AciEntry entry, String problem) {
        return new AciFormatException(file, entry.name(), entry.tarOffset(), problem);
    }

    private static void requireEmptyOrAbsent(Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        boolean emptyDirectory = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
        if (emptyDirectory) {
            try (var children = Files.list(target)) {
                emptyDirectory = children.findAny().isEmpty();
            }
        }
        if (!emptyDirectory) {
            throw new FileAlreadyExistsException(
                    target.toString(), null, "extraction target exists and is not an empty folder; remove it first");
        }
    }

    private static void deleteTree(Path tree, Throwable cause) {
        try {
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    setMode(dir, 0700);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path path, BasicFileAttributes attrs) throws IOException {
                    Files.delete(path);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
