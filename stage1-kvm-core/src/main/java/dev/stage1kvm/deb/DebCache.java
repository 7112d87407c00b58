package dev.stage1kvm.deb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The download cache shared by all builds of a user: content-addressed blobs under {@code blobs/sha256/ab/abcdef...}
 * and the last verified {@code InRelease} of each suite under {@code releases/}. Every write goes to a temporary file
 * in the cache and is moved into place atomically, under a file lock, so two builds can share the cache.
 */
public final class DebCache {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** One in-process lock per key: a JVM may not hold two overlapping {@link FileLock}s on one file. */
    private static final Map<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path root;

    public DebCache(Path root) {
        this.root = root.toAbsolutePath();
    }

    /** {@code $XDG_CACHE_HOME/stage1-kvm}, else {@code ~/.cache/stage1-kvm}. */
    public static Path defaultRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("stage1-kvm");
    }

    public Path root() {
        return root;
    }

    /** Where the blob with this digest lives (whether or not it is there). */
    public Path blobPath(String sha256) {
        requireDigest(sha256);
        return root.resolve("blobs/sha256").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** The blob, when present. Its bytes are trusted: only verified content is ever moved there. */
    public Optional<Path> blob(String sha256) {
        Path path = blobPath(sha256);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /** The digest of a blob of this cache, given its path; empty for a file elsewhere. */
    Optional<String> digestOfBlob(Path file) {
        String name = file.getFileName().toString();
        return SHA256.matcher(name).matches() && file.toAbsolutePath().equals(blobPath(name))
                ? Optional.of(name)
                : Optional.empty();
    }

    /**
     * The blob a file was stored as when it was last taken out of the cached package with digest {@code debSha256},
     * so that a later build need not decompress the package again.
     */
    Optional<Path> extracted(String debSha256, String guestPath) throws IOException {
        Path record = extractedRecord(debSha256, guestPath);
        if (!Files.isRegularFile(record)) {
            return Optional.empty();
        }
        String sha256 = Files.readString(record, StandardCharsets.US_ASCII).strip();
        return SHA256.matcher(sha256).matches() ? blob(sha256) : Optional.empty();
    }

    /** Remembers which blob a file of a cached package was stored as. */
    void rememberExtracted(String debSha256, String guestPath, String blobSha256) throws IOException {
        writeAtomically(extractedRecord(debSha256, guestPath), (blobSha256 + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code extracted/<package digest>/<digest of the file's path>}: one small record a package and file. */
    private Path extractedRecord(String debSha256, String guestPath) {
        requireDigest(debSha256);
        return root.resolve("extracted")
                .resolve(debSha256)
                .resolve(Sha256.of(guestPath.getBytes(StandardCharsets.UTF_8)));
    }

    /** A scratch file for a partial download of this blob, kept between tries so a download can resume. */
    Path partialPath(String sha256) {
        requireDigest(sha256);
        return root.resolve("tmp").resolve(sha256 + ".part");
    }

    /** Where the last verified {@code InRelease} of a suite is kept. */
    public Path releasePath(DebianSources.Suite suite) {
        URI uri = suite.archive();
        String port = uri.getPort() < 0 ? "" : "_" + uri.getPort();
        String archive = uri.getHost() + port + uri.getPath().replaceAll("[^A-Za-z0-9._/-]", "_");
        return root.resolve("releases").resolve(archive.replaceAll("/+", "_")).resolve(suite.name() + ".InRelease");
    }

    /** Moves a verified file to its blob path atomically; an existing blob (same bytes) is kept. */
    Path commitBlob(Path verifiedFile, String sha256) throws IOException {
        Path target = blobPath(sha256);
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
            Files.deleteIfExists(verifiedFile);
            return target;
        }
        moveAtomically(verifiedFile, target);
        return target;
    }

    /** Writes bytes to a path inside the cache through a temporary file and an atomic move. */
    void writeAtomically(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp =
                Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.write(temp, bytes);
            moveAtomically(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Stores a stream as a blob and returns its digest, for content that is produced, not downloaded (files
     * extracted from a {@code .deb}).
     */
    String store(InputStream content) throws IOException {
        Path tmpDir = Files.createDirectories(root.resolve("tmp"));
        Path temp = Files.createTempFile(tmpDir, "store", ".tmp");
        try {
            Sha256 digest = new Sha256();
            try (OutputStream out = digest.wrap(Files.newOutputStream(temp))) {
                content.transferTo(out);
            }
            String sha256 = digest.hex();
            commitBlob(temp, sha256);
            return sha256;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Work that must not run in two builds at once for the same key, e.g. downloading one blob. */
    interface LockedWork<T> {
        T run() throws IOException;
    }

    /**
     * Runs work on a blob while holding a lock that other builds (other JVMs) and other threads respect. Locks are
     * striped by the first two hex digits of the digest, so {@code locks/} never holds more than 256 files.
     */
    <T> T withBlobLock(String sha256, LockedWork<T> work) throws IOException {
        requireDigest(sha256);
        Path lockFile = root.resolve("locks").resolve(sha256.substring(0, 2) + ".lock");
        Files.createDirectories(lockFile.getParent());
        synchronized (JVM_LOCKS.computeIfAbsent(lockFile, k -> new Object())) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                return work.run();
            }
        }
    }

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void requireDigest(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new DebFormatException("SHA-256 digest", sha256, "expected 64 lower-case hex digits");
        }
    }
}
