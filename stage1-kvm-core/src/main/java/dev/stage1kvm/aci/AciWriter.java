package dev.stage1kvm.aci;

import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Writes an ACI (appc spec 0.8.11): a tar holding {@code manifest} first, then {@code rootfs/} and its entries in
 * {@link dev.stage1kvm.rootfs.RootfsPath#ORDER}, every entry owned by root:root and dated at one instant. The image
 * ID is the SHA-512 of the uncompressed tar, computed while it is written. The archive appears at its target only
 * when it is complete; on any failure or interruption the target is left as it was.
 */
public final class AciWriter {

    /** Bytes between the tar writer and the digest/compressor, and in front of the file. */
    private static final int BUFFER_BYTES = 64 * 1024;

    /** The xz level of {@code xz -6}: good ratio at moderate memory (94 MiB to compress, 9 MiB to read). */
    private static final int XZ_PRESET = 6;

    /**
     * Blocks per gzip thread queued or compressing: keeps the threads busy through scheduling gaps; about 2.4 MiB
     * each.
     */
    private static final int GZIP_BLOCKS_PER_THREAD = 8;

    private final BuildListener listener;
    private final int gzipThreads;

    /** A writer that compresses gzip on as many threads as there are processors. */
    public AciWriter(BuildListener listener) {
        this(listener, Runtime.getRuntime().availableProcessors());
    }

    /** @param gzipThreads threads for gzip; changes the speed, never the bytes written */
    public AciWriter(BuildListener listener, int gzipThreads) {
        this.listener = Objects.requireNonNull(listener, "listener");
        if (gzipThreads < 1) {
            throw new IllegalArgumentException("gzipThreads must be at least 1, was " + gzipThreads);
        }
        this.gzipThreads = gzipThreads;
    }

    /**
     * Writes the image.
     *
     * @param target the {@code .aci} file; replaced atomically if it exists
     * @param manifestJson the image manifest, already serialised; stored as-is
     * @param rootfs the root file system, in archive order
     * @param compression how the tar is compressed
     * @param mtime the modification time of every entry; truncated to whole seconds
     */
    public AciResult write(Path target, byte[] manifestJson, StagedTree rootfs, Compression compression, Instant mtime)
            throws IOException {
        Objects.requireNonNull(manifestJson, "manifestJson");
        Objects.requireNonNull(rootfs, "rootfs");
        Objects.requireNonNull(compression, "compression");
        AciTarEntries entries = new AciTarEntries(AciTarEntries.checkedTime(mtime));
        HardLinkPlan links = HardLinkPlan.of(rootfs);
        Path absolute = target.toAbsolutePath();
        listener.debug("Writing " + absolute + " (" + compression.userName() + ", " + rootfs.size() + " entries)");
        AciResult result = writeAtomically(absolute, compression, tar -> {
            entries.putFile(tar, "manifest", 0644, manifestJson);
            entries.putDirectory(tar, "rootfs", 0755);
            writeRootfs(tar, entries, rootfs, links);
        });
        listener.debug("Wrote " + absolute + ": " + result.sizeBytes() + " bytes, image ID " + result.imageId());
        return result;
    }

    private static final SecureRandom TEMP_NAMES = new SecureRandom();

    /** Writes into a hidden file beside the target and renames it over the target only once it is complete. */
    private AciResult writeAtomically(Path target, Compression compression, TarBody body) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(
                "." + target.getFileName() + "." + Long.toUnsignedString(TEMP_NAMES.nextLong()) + ".partial");
        // A build stopped by Ctrl-C or SIGTERM never reaches the catch below; the JVM's exit still removes the file.
        // Registered before the file exists, so that no signal can fall between the two.
        temp.toFile().deleteOnExit();
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        ExecutorService pool = compression == Compression.GZIP ? newGzipPool() : null;
        try {
            String imageId = writeArchive(temp, compression, pool, body);
            setReadableByAll(temp);
            moveIntoPlace(temp, target);
            return new AciResult(target, imageId, Files.size(target));
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(temp, e);
            throw e;
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private interface TarBody {
        void writeTo(TarArchiveOutputStream tar) throws IOException;
    }

    private String writeArchive(Path temp, Compression compression, ExecutorService pool, TarBody body)
            throws IOException {
        MessageDigest sha512 = sha512();
        // no CREATE: once a signal's shutdown has deleted the file, writing must fail rather than make it again
        try (OutputStream file = new BufferedOutputStream(
                Files.newOutputStream(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
                BUFFER_BYTES)) {
            OutputStream compressed = compressor(compression, file, pool);
            OutputStream digesting = new DigestOutputStream(compressed, sha512);
            TarArchiveOutputStream tar =
                    new TarArchiveOutputStream(new BufferedOutputStream(digesting, BUFFER_BYTES), "UTF-8");
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            body.writeTo(tar);
            tar.close();
        }
        return "sha512-" + HexFormat.of().formatHex(sha512.digest());
    }

    private void writeRootfs(TarArchiveOutputStream tar, AciTarEntries entries, StagedTree rootfs, HardLinkPlan links)
            throws IOException {
        for (Map.Entry<String, StagedEntry> staged : rootfs.entries().entrySet()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted before rootfs/" + staged.getKey());
            }
            listener.debug("  rootfs/" + staged.getKey());
            writeEntry(tar, entries, staged.getKey(), staged.getValue(), links);
        }
    }

    private static void writeEntry(
            TarArchiveOutputStream tar, AciTarEntries entries, String path, StagedEntry entry, HardLinkPlan links)
            throws IOException {
        String name = "rootfs/" + path;
        String firstName = links.firstName(path);
        if (firstName != null && !firstName.equals(path)) {
            entries.putHardLink(
                    tar, name, "rootfs/" + firstName, links.file(path).mode());
        } else if (firstName != null) {
            entries.putRegularFile(tar, path, links.file(path));
        } else if (entry instanceof StagedEntry.Directory directory) {
            entries.putDirectory(tar, name, directory.mode());
        } else if (entry instanceof StagedEntry.RegularFile file) {
            entries.putRegularFile(tar, path, file);
        } else if (entry instanceof StagedEntry.Symlink symlink) {
            entries.putSymlink(tar, name, symlink.target());
        } else {
            throw new IllegalStateException("hard link rootfs/" + path + " missing from the hard-link plan");
        }
    }

    private OutputStream compressor(Compression compression, OutputStream file, ExecutorService pool)
            throws IOException {
        switch (compression) {
            case GZIP:
                return new ParallelGzipOutputStream(file, pool, gzipThreads * GZIP_BLOCKS_PER_THREAD);
            case XZ:
                return new XZOutputStream(file, new LZMA2Options(XZ_PRESET));
            case BZIP2:
                return new BZip2CompressorOutputStream(file);
            case NONE:
                return file;
            default:
                throw new IllegalArgumentException("unknown compression " + compression);
        }
    }

    private ExecutorService newGzipPool() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(gzipThreads, task -> {
            Thread thread = new Thread(task, "aci-gzip-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(
                    "cannot atomically rename " + temp + " to " + target
                            + "; the temporary file lives in the target's folder, so that file system must"
                            + " support rename",
                    e);
        }
    }

    /** Temporary files are created private; the finished image is a public artifact (0644). */
    private static void setReadableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static void deleteQuietly(Path temp, Throwable cause) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-512", e);
        }
    }
}
