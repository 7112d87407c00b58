package dev.stage1kvm.launcher;

import dev.stage1kvm.aci.AciContents;
import dev.stage1kvm.aci.AciReader;
import dev.stage1kvm.app.Trees;
import dev.stage1kvm.progress.BuildListener;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * Stage1 images extracted once per image ID and shared by every pod: {@code <store>/sha512-<first 64 hex>/} holds
 * the image's {@code manifest} and {@code rootfs/}, read-only once it is in place. Two launchers extracting the same
 * image take turns on a lock file; an image is extracted beside its final name and renamed into place only when
 * complete, so a crash leaves no half image under a final name.
 */
final class ImageStore {

    /** Folder names keep the first 64 hex digits of the SHA-512, as rkt's image store did; that is plenty unique. */
    static final int ID_HEX_DIGITS = 64;

    private static final String PREFIX = "sha512-";

    private static final java.util.concurrent.ConcurrentMap<Path, Object> MONITORS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Path root;
    private final BuildListener listener;

    ImageStore(Path root, BuildListener listener) {
        this.root = root;
        this.listener = listener;
    }

    /** The folder holding every stored image. */
    Path root() {
        return root;
    }

    /** The store folder for {@code imageId}, whether or not it is there yet. */
    Path folderOf(String imageId) {
        return root.resolve(PREFIX + imageId.substring(PREFIX.length(), PREFIX.length() + ID_HEX_DIGITS));
    }

    /**
     * The extracted image {@code aci}, whose ID the caller has read, extracting it when the store lacks it.
     *
     * @return the image's folder (holding {@code manifest} and {@code rootfs})
     */
    Path ensure(Path aci, String imageId) throws IOException {
        Path folder = folderOf(imageId);
        if (Files.isDirectory(folder.resolve("rootfs"))) {
            listener.debug("stage1 image " + imageId + " is in the store at " + folder);
            return folder;
        }
        Files.createDirectories(root);
        // a file lock is held per JVM, not per thread: threads of one launcher take turns on a monitor first
        synchronized (MONITORS.computeIfAbsent(folder.toAbsolutePath(), key -> new Object())) {
            extractLocked(aci, imageId, folder);
        }
        return folder;
    }

    private void extractLocked(Path aci, String imageId, Path folder) throws IOException {
        try (FileChannel lockFile = FileChannel.open(
                        root.resolve("." + folder.getFileName() + ".lock"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock lock = lockFile.lock()) {
            if (!Files.isDirectory(folder.resolve("rootfs"))) {
                extract(aci, imageId, folder);
            }
        }
    }

    private void extract(Path aci, String imageId, Path folder) throws IOException {
        listener.info("extracting stage1 image " + aci + " into " + folder);
        Path partial = root.resolve("." + folder.getFileName() + ".new-" + UUID.randomUUID());
        try {
            AciContents contents = new AciReader().extract(aci, partial);
            if (!contents.imageId().equals(imageId)) {
                throw new LauncherException("stage1 image " + aci + " changed while it was read (image ID "
                        + contents.imageId() + ", was " + imageId + "); run again once it is written");
            }
            makeReadOnly(partial);
            Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Trees.delete(partial);
        }
    }

    /**
     * Removes half-extracted images a crashed launcher left ({@code .sha512-<id>.new-*} and the reader's
     * {@code .extract-*} folders), each only while holding that image's lock, so a running extraction is never
     * touched.
     *
     * @return the folders removed
     */
    java.util.List<Path> removePartials() throws IOException {
        java.util.List<Path> removed = new java.util.ArrayList<>();
        if (!Files.isDirectory(root)) {
            return removed;
        }
        java.util.List<Path> partials;
        try (var list = Files.list(root)) {
            partials = list.filter(p -> p.getFileName().toString().matches("\\.{1,2}sha512-[0-9a-f]{64}\\.new-.*"))
                    .toList();
        }
        for (Path partial : partials) {
            String name = partial.getFileName().toString().replaceFirst("^\\.+", "");
            Path lockPath = root.resolve("." + name.substring(0, name.indexOf(".new-")) + ".lock");
            try (FileChannel lockFile =
                            FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = lockFile.tryLock()) {
                if (lock != null) {
                    Trees.delete(partial);
                    removed.add(partial);
                }
            }
        }
        return removed;
    }

    /** Takes every write bit away, so a pod (or a mistake) cannot change a shared image. */
    static void makeReadOnly(Path tree) throws IOException {
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isSymbolicLink()) {
                    dropWriteBits(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                dropWriteBits(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void dropWriteBits(Path path) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:mode", mode & 07555, LinkOption.NOFOLLOW_LINKS);
    }
}
