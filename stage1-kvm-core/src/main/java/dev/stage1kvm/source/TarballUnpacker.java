package dev.stage1kvm.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * Unpacks a source tarball (plain, gzip, bzip2 or xz) into an empty folder without ever writing or linking outside
 * it: absolute names, {@code ..} segments, symlinks and hard links that lead out, and writes through a symlink are all
 * refused. Set-id bits are dropped; permissions and modification times are kept.
 */
public final class TarballUnpacker {

    private final Path tarball;
    private final Path target;
    private final boolean stripTopFolder;
    private final Set<Path> checkedFolders = new HashSet<>();

    private TarballUnpacker(Path tarball, Path target, boolean stripTopFolder) {
        this.tarball = tarball;
        this.target = target.toAbsolutePath().normalize();
        this.stripTopFolder = stripTopFolder;
    }

    /**
     * Unpacks {@code tarball} into {@code target}.
     *
     * @param stripTopFolder drop the first path segment of every entry, as {@code tar --strip-components=1}
     * @return the number of entries written
     */
    public static int unpack(Path tarball, Path target, boolean stripTopFolder) throws IOException {
        Files.createDirectories(target);
        return new TarballUnpacker(tarball, target, stripTopFolder).run();
    }

    private int run() throws IOException {
        int count = 0;
        try (InputStream tar = open();
                TarArchiveInputStream entries = new TarArchiveInputStream(tar)) {
            for (TarArchiveEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                String name = relativeName(entry.getName());
                if (name.isEmpty()) {
                    continue;
                }
                write(entry, name, entries);
                count++;
            }
        }
        return count;
    }

    private InputStream open() throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(tarball), 1 << 16);
        try {
            String format = CompressorStreamFactory.detect(raw);
            return new BufferedInputStream(
                    new CompressorStreamFactory().createCompressorInputStream(format, raw), 1 << 16);
        } catch (CompressorException notCompressed) {
            return raw;
        }
    }

    private void write(TarArchiveEntry entry, String name, InputStream data) throws IOException {
        Path path = inside(name, entry.getName());
        checkParents(path.getParent(), entry.getName());
        if (entry.isDirectory()) {
            Files.createDirectories(path);
            checkedFolders.add(path);
            return;
        }
        Files.createDirectories(path.getParent());
        Files.deleteIfExists(path);
        if (entry.isSymbolicLink()) {
            checkLinkTarget(path, entry);
            checkedFolders.remove(path);
            Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
            Files.createLink(path, inside(relativeName(entry.getLinkName()), entry.getLinkName()));
        } else if (entry.isFile()) {
            Files.copy(data, path, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(path, permissions(entry.getMode()));
            Files.setLastModifiedTime(
                    path, FileTime.from(entry.getLastModifiedTime().toInstant()));
        } else {
            throw unsafe(entry.getName(), "a file, folder or link (devices and FIFOs are not unpacked)");
        }
    }

    private String relativeName(String entryName) throws IOException {
        if (entryName.startsWith("/")) {
            throw unsafe(entryName, "a relative name");
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : entryName.split("/")) {
            if (segment.equals("..")) {
                throw unsafe(entryName, "a name without '..'");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            }
        }
        if (stripTopFolder) {
            segments.pollFirst();
        }
        return String.join("/", segments);
    }

    private Path inside(String relativeName, String entryName) throws IOException {
        Path path = target.resolve(relativeName).normalize();
        if (!path.startsWith(target) || path.equals(target)) {
            throw unsafe(entryName, "a path inside " + target);
        }
        return path;
    }

    /** Refuses to write below a symlink: every folder between the target and the entry must be a real folder. */
    private void checkParents(Path folder, String entryName) throws IOException {
        for (Path p = folder; p != null && !p.equals(target) && !checkedFolders.contains(p); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw unsafe(entryName, "no symlink among its parent folders, but " + p + " is one");
            }
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                checkedFolders.add(p);
            }
        }
    }

    private void checkLinkTarget(Path link, TarArchiveEntry entry) throws IOException {
        String linkTarget = entry.getLinkName();
        Path resolved = link.getParent().resolve(linkTarget).normalize();
        if (linkTarget.startsWith("/") || !resolved.startsWith(target)) {
            throw unsafe(entry.getName(), "a symlink that stays inside " + target + ", not one to " + linkTarget);
        }
    }

    private IOException unsafe(String entryName, String expected) {
        return new IOException("tarball " + tarball + ", entry '" + entryName + "': expected " + expected
                + "; refusing to unpack it. Check where the tarball came from.");
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values();
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                out.add(bits[i]);
            }
        }
        out.add(PosixFilePermission.OWNER_READ);
        out.add(PosixFilePermission.OWNER_WRITE);
        return out;
    }
}
