package dev.stage1kvm.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Results of builds from source, one folder per kind and input digest: {@code <root>/<kind>/<sha256>/}. An entry
 * appears by an atomic rename of a fully written folder, so a reader never sees half an entry, and two builds that
 * finish the same entry at once leave one copy.
 */
public final class BuildCache {

    /** The folder under the user's cache directory; shared by every project on the machine. */
    public static final String FOLDER_NAME = "stage1-kvm";

    private final Path root;

    public BuildCache(Path root) {
        this.root = root;
    }

    /** {@code $XDG_CACHE_HOME/stage1-kvm}, else {@code ~/.cache/stage1-kvm}. */
    public static Path defaultRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base =
                xdg != null && xdg.startsWith("/") ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve(FOLDER_NAME);
    }

    public Path root() {
        return root;
    }

    /** The finished entry for a digest, if there is one. */
    public Optional<Path> lookup(String kind, String digest) {
        Path entry = entryPath(kind, digest);
        return Files.isDirectory(entry) ? Optional.of(entry) : Optional.empty();
    }

    /** A fresh folder on the cache's file system in which to prepare an entry or do the work. */
    public Path newWorkFolder(String kind) throws IOException {
        Path work = root.resolve("work");
        Files.createDirectories(work);
        return Files.createTempDirectory(work, kind + "-");
    }

    /**
     * Publishes a prepared folder as the entry for a digest. If another build published it first, the prepared folder
     * is deleted and the existing entry returned.
     */
    public Path store(String kind, String digest, Path prepared) throws IOException {
        Path entry = entryPath(kind, digest);
        Files.createDirectories(entry.getParent());
        try {
            Files.move(prepared, entry, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(
                    "cannot publish " + prepared + " as " + entry + " atomically; keep the cache folder " + root
                            + " on one file system",
                    e);
        } catch (IOException e) {
            if (!Files.isDirectory(entry)) {
                throw e;
            }
            deleteTree(prepared);
        }
        return entry;
    }

    private Path entryPath(String kind, String digest) {
        if (!digest.matches("[0-9a-f]{64}") || !kind.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("cache key " + kind + "/" + digest + " is not a kind and a SHA-256");
        }
        return root.resolve(kind).resolve(digest);
    }

    /** Deletes a folder and everything in it, never following symlinks. */
    public static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
