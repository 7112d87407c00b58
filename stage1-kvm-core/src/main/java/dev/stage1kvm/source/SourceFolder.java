package dev.stage1kvm.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A source tree given as a folder rather than a tarball: digested by its content for a build's cache key, and copied
 * into a build's work folder so that the build never writes into the user's folder. A top-level {@code .git} folder is
 * left out of both: it holds history, not sources.
 */
public final class SourceFolder {

    /** Version control data at the top of a checkout; never part of a build. */
    static final String GIT_FOLDER = ".git";

    private static final byte DIRECTORY = 'd';
    private static final byte FILE = 'f';
    private static final byte EXECUTABLE = 'x';
    private static final byte SYMLINK = 'l';

    private SourceFolder() {}

    /**
     * The SHA-256 of the tree: every entry's path relative to the folder, in sorted order, with its kind, the execute
     * bit and the content or link target. Owners, other permission bits and times are left out: they do not change
     * what a build makes.
     *
     * @throws IOException naming an entry that is neither a folder, a file nor a symlink
     */
    public static String digest(Path folder) throws IOException {
        MessageDigest sha256 = newSha256();
        for (Path path : entries(folder)) {
            String relative = folder.relativize(path).toString();
            update(sha256, relative.getBytes(StandardCharsets.UTF_8));
            if (Files.isSymbolicLink(path)) {
                update(sha256, new byte[] {SYMLINK});
                update(sha256, Files.readSymbolicLink(path).toString().getBytes(StandardCharsets.UTF_8));
            } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                update(sha256, new byte[] {DIRECTORY});
            } else {
                update(sha256, new byte[] {Files.isExecutable(path) ? EXECUTABLE : FILE});
                update(sha256, fileDigest(path));
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Copies the tree into {@code target} (created), keeping symlinks as links, modes and modification times. */
    public static int copy(Path folder, Path target) throws IOException {
        Files.createDirectories(target);
        List<Path> entries = entries(folder);
        for (Path path : entries) {
            Path copy = target.resolve(folder.relativize(path).toString());
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(copy);
            } else {
                Files.copy(path, copy, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return entries.size();
    }

    /** Every entry below the folder, parents before children, sorted by path, without a top-level {@code .git}. */
    private static List<Path> entries(Path folder) throws IOException {
        Path git = folder.resolve(GIT_FOLDER);
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) walk.filter(p -> !p.equals(folder) && !p.startsWith(git))::iterator) {
                requireSupported(path);
                entries.add(path);
            }
        }
        entries.sort(null);
        return entries;
    }

    private static void requireSupported(Path path) throws IOException {
        if (!Files.isSymbolicLink(path)
                && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(path + " is neither a file, a folder nor a symlink (a device node or FIFO?);"
                    + " remove it from the source folder");
        }
    }

    private static byte[] fileDigest(Path file) throws IOException {
        MessageDigest sha256 = newSha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
            }
        }
        return sha256.digest();
    }

    /** Length-prefixed, so that no two different trees give the same byte stream. */
    private static void update(MessageDigest sha256, byte[] bytes) {
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
        sha256.update(bytes);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
