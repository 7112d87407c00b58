package dev.stage1kvm.deb;

import dev.stage1kvm.rootfs.RootfsPath;
import dev.stage1kvm.rootfs.StagedTree;
import dev.stage1kvm.zstd.ZstdStreams;
import dev.stage1kvm.zstd.ZstdUnavailableException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Reads a Debian binary package (deb(5)): an ar archive whose first member {@code debian-binary} holds the format
 * version {@code 2.0}, followed by {@code control.tar[.comp]} and {@code data.tar[.comp]}, each compressed with xz,
 * zstd, gzip or bzip2, or not at all.
 */
public final class DebArchive {

    /** deb(5): the first member; its content starts with the major format version. */
    static final String VERSION_MEMBER = "debian-binary";

    static final String FORMAT_PREFIX = "2.";

    private final Path deb;

    public DebArchive(Path deb) {
        this.deb = deb;
    }

    /** The paragraph of {@code ./control} in {@code control.tar.*}. */
    public Deb822.Paragraph control() throws IOException {
        byte[][] found = new byte[1][];
        readMember("control.tar", (member, tar) -> {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.getName().equals("./control") || entry.getName().equals("control")) {
                    found[0] = tar.readAllBytes();
                }
            }
        });
        if (found[0] == null) {
            throw new DebFormatException(deb + " member control.tar", null, "has no ./control file");
        }
        List<Deb822.Paragraph> paragraphs =
                Deb822.parse(new String(found[0], StandardCharsets.UTF_8), deb + " control");
        return paragraphs.get(0);
    }

    /**
     * Stages every entry of {@code data.tar.*} into a new tree. Files up to {@link DataTarReader#INLINE_LIMIT_BYTES}
     * are kept in memory; larger ones are stored in the cache by digest and staged as host files.
     *
     * @throws DebFormatException on entries that climb out with {@code ..}, absolute names, symlinks whose target
     *     escapes the root, entries below a symlink, hard links to unknown files, or device nodes
     */
    public StagedTree data(DebCache cache) throws IOException {
        StagedTree tree = new StagedTree();
        readMember("data.tar", (member, tar) -> new DataTarReader(deb + " member " + member, cache).read(tar, tree));
        return tree;
    }

    /**
     * Stores one regular file of {@code data.tar.*} in the cache by its digest, staging nothing else: for a large
     * file used on the build host, such as a source tarball. For a package that is itself a blob of {@code cache}, the
     * file's digest is remembered, and a later call returns its blob without decompressing the package again.
     *
     * @param guestPath the file's path in the package, e.g. {@code usr/src/linux-source-6.1.tar.xz}
     * @return the blob, or empty when the package holds no regular file at that path
     */
    public Optional<Path> extract(String guestPath, DebCache cache) throws IOException {
        String wanted = RootfsPath.normalize(guestPath);
        Optional<String> debSha256 = cache.digestOfBlob(deb);
        if (debSha256.isPresent()) {
            Optional<Path> earlier = cache.extracted(debSha256.get(), wanted);
            if (earlier.isPresent()) {
                return earlier;
            }
        }
        String[] found = new String[1];
        readMember("data.tar", (member, tar) -> {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile() && !entry.isLink() && wanted.equals(normalizedName(entry.getName()))) {
                    found[0] = cache.store(tar);
                    return;
                }
            }
        });
        if (found[0] != null && debSha256.isPresent()) {
            cache.rememberExtracted(debSha256.get(), wanted, found[0]);
        }
        return Optional.ofNullable(found[0]).map(cache::blobPath);
    }

    /** A tar name without its {@code ./} prefix, or {@code null} when it is not a path below the root. */
    private static String normalizedName(String name) {
        try {
            return name.startsWith("/") ? null : RootfsPath.normalize(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Receives the regular files of a package's {@code data.tar.*}, one at a time. */
    @FunctionalInterface
    public interface FileVisitor {
        /**
         * @param guestPath the file's normalised rootfs path, without a leading slash
         * @param content the file's bytes, readable during this call only; closing it does nothing
         */
        void file(String guestPath, long sizeBytes, InputStream content) throws IOException;
    }

    /**
     * Streams the regular files of {@code data.tar.*} to {@code visitor} in archive order, staging nothing, for a
     * package of which a build keeps a few files chosen by their content (kernel modules by their {@code .modinfo}).
     * Folders, symlinks and hard links are passed over. An exception from the visitor ends the walk and is thrown as
     * it is.
     *
     * @throws DebFormatException when the package cannot be read or an entry's name is absolute or climbs out
     */
    public void readFiles(FileVisitor visitor) throws IOException {
        IOException[] fromVisitor = new IOException[1];
        readMember("data.tar", (member, tar) -> {
            String source = deb + " member " + member;
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String path =
                        isRegularFile(entry) ? DataTarReader.guestPath(source, entry.getName(), entry.getName()) : null;
                if (path == null) {
                    continue;
                }
                try {
                    visitor.file(path, entry.getSize(), new CloseShield(tar));
                } catch (IOException e) {
                    fromVisitor[0] = e;
                    return;
                }
            }
        });
        if (fromVisitor[0] != null) {
            throw fromVisitor[0];
        }
    }

    private static boolean isRegularFile(TarArchiveEntry entry) {
        return entry.isFile()
                && !entry.isDirectory()
                && !entry.isSymbolicLink()
                && !entry.isLink()
                && !entry.isFIFO()
                && !entry.isCharacterDevice()
                && !entry.isBlockDevice();
    }

    /** The archive stream as a visitor sees it: closing it must not end the walk. */
    private static final class CloseShield extends FilterInputStream {
        CloseShield(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }

    interface TarConsumer {
        void accept(String member, TarArchiveInputStream tar) throws IOException;
    }

    private void readMember(String prefix, TarConsumer consumer) throws IOException {
        String member = null;
        try (ArArchiveInputStream ar = new ArArchiveInputStream(new BufferedInputStream(Files.newInputStream(deb)))) {
            checkFormat(ar);
            ArArchiveEntry entry;
            while ((entry = ar.getNextEntry()) != null) {
                if (entry.getName().equals(prefix) || entry.getName().startsWith(prefix + ".")) {
                    member = entry.getName();
                    try (TarArchiveInputStream tar = new TarArchiveInputStream(decompress(member, ar))) {
                        consumer.accept(member, tar);
                    }
                    return;
                }
            }
        } catch (IOException e) {
            String where = member == null ? deb.toString() : deb + " member " + member;
            throw new DebFormatException(
                    where,
                    null,
                    "cannot be read as a .deb: " + e.getMessage() + ". Delete the file to have it fetched again.");
        }
        throw new DebFormatException(deb.toString(), null, "has no " + prefix + " member");
    }

    private void checkFormat(ArArchiveInputStream ar) throws IOException {
        ArArchiveEntry first = ar.getNextEntry();
        if (first == null || !first.getName().equals(VERSION_MEMBER)) {
            String name = first == null ? "nothing" : first.getName();
            throw new DebFormatException(deb + " offset 8", name, "first ar member must be " + VERSION_MEMBER);
        }
        String version = new String(ar.readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (!version.startsWith(FORMAT_PREFIX)) {
            throw new DebFormatException(deb + " member " + VERSION_MEMBER, version, "format 2.x expected");
        }
    }

    /**
     * The tar stream of a member, by its name's suffix (deb(5) allows these four and none). Closing the returned
     * stream closes the ar stream too; each read opens the .deb anew, so that is fine.
     */
    private InputStream decompress(String member, InputStream in) throws IOException {
        if (member.endsWith(".xz")) {
            return new XZCompressorInputStream(in);
        } else if (member.endsWith(".zst")) {
            return zstd(member, in);
        } else if (member.endsWith(".gz")) {
            return new GzipCompressorInputStream(in);
        } else if (member.endsWith(".bz2")) {
            return new BZip2CompressorInputStream(in);
        } else if (member.endsWith(".tar")) {
            return in;
        }
        throw new DebFormatException(
                deb + " member " + member, member, "compression not supported (expected xz, zst, gz, bz2 or none)");
    }

    /** A native library that does not load is the host's problem, not the file's: not reported as a damaged .deb. */
    private InputStream zstd(String member, InputStream in) throws IOException {
        try {
            return ZstdStreams.decompressing(in, deb + " member " + member);
        } catch (ZstdUnavailableException e) {
            throw new DebException(e.getMessage(), e);
        }
    }
}
