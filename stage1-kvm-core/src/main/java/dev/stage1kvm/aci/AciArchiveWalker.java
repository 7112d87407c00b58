package dev.stage1kvm.aci;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Streams an ACI once: detects its compression by magic bytes, checks every entry against the layout rules and
 * hands each one with its content to a visitor, digesting the uncompressed tar on the way.
 */
final class AciArchiveWalker {

    /** Visits one checked entry; {@code data} gives its content and may be left unread. */
    interface Visitor {
        void visit(AciEntry entry, InputStream data) throws IOException;
    }

    /** POSIX tar: headers and content are laid out in 512-byte records. */
    private static final int RECORD_BYTES = 512;

    /** Manifests are a few KiB; this bound keeps a hostile archive from filling the heap. */
    private static final int MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path file;
    private final Visitor visitor;
    private final List<AciEntry> entries = new ArrayList<>();
    private final AciLayoutRules rules;
    private byte[] manifest;

    private AciArchiveWalker(Path file, Visitor visitor) {
        this.file = file;
        this.visitor = visitor;
        this.rules = new AciLayoutRules(file);
    }

    static AciContents walk(Path file, Visitor visitor) throws IOException {
        return new AciArchiveWalker(file, visitor).walk();
    }

    private AciContents walk() throws IOException {
        Compression compression = detect();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES)) {
            TarStreamDigest tarBytes = new TarStreamDigest(decompressor(compression, raw));
            TarArchiveInputStream tar = new TarArchiveInputStream(tarBytes, "UTF-8");
            long entryEnd = 0;
            TarArchiveEntry next;
            while ((next = nextEntry(tar, tarBytes, entryEnd)) != null) {
                AciEntry entry = rules.check(next, tarBytes.position() - RECORD_BYTES);
                entries.add(entry);
                visitEntry(entry, tar);
                entryEnd = roundUp(tarBytes.position());
            }
            requireEndMarker(tarBytes, entryEnd);
            rules.checkComplete(entryEnd);
            String imageId = finish(tarBytes);
            return new AciContents(file, compression, manifest, entries, imageId);
        }
    }

    private Compression detect() throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(Compression.DETECT_BYTES);
        }
        try {
            return Compression.detect(head);
        } catch (UnsupportedCompressionException e) {
            throw new AciFormatException(file, null, 0, e.getMessage(), e);
        }
    }

    private InputStream decompressor(Compression compression, InputStream raw) throws AciFormatException {
        try {
            return openDecompressor(compression, raw);
        } catch (IOException e) {
            throw new AciFormatException(
                    file, null, 0, "corrupt " + compression.userName() + " header: " + e.getMessage(), e);
        }
    }

    private static InputStream openDecompressor(Compression compression, InputStream raw) throws IOException {
        switch (compression) {
            case GZIP:
                return new GZIPInputStream(raw, BUFFER_BYTES);
            case XZ:
                return new XZInputStream(raw);
            case BZIP2:
                return new BZip2CompressorInputStream(raw, true);
            default:
                return raw;
        }
    }

    private TarArchiveEntry nextEntry(TarArchiveInputStream tar, TarStreamDigest tarBytes, long entryEnd)
            throws AciFormatException {
        try {
            return tar.getNextEntry();
        } catch (IOException | IllegalArgumentException e) {
            throw new AciFormatException(
                    file, null, Math.max(entryEnd, tarBytes.position()), "unreadable tar header: " + e.getMessage(), e);
        }
    }

    private void visitEntry(AciEntry entry, InputStream tar) throws IOException {
        InputStream data = new EntryData(tar, entry);
        if (entry.name().equals("manifest")) {
            manifest = readManifest(entry, data);
            data = new java.io.ByteArrayInputStream(manifest);
        }
        visitor.visit(entry, data);
        data.transferTo(OutputStream.nullOutputStream());
    }

    private byte[] readManifest(AciEntry entry, InputStream data) throws IOException {
        if (entry.sizeBytes() > MAX_MANIFEST_BYTES) {
            throw new AciFormatException(
                    file,
                    entry.name(),
                    entry.tarOffset(),
                    "manifest of " + entry.sizeBytes() + " bytes exceeds the limit of " + MAX_MANIFEST_BYTES
                            + " bytes");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) entry.sizeBytes());
        data.transferTo(bytes);
        return bytes.toByteArray();
    }

    /** POSIX.1 requires two zero records after the last entry; an archive cut at a header lacks them. */
    private void requireEndMarker(TarStreamDigest tarBytes, long entryEnd) throws AciFormatException {
        if (tarBytes.position() < entryEnd + RECORD_BYTES) {
            throw new AciFormatException(
                    file,
                    null,
                    entryEnd,
                    "archive ends without the end-of-archive zero"
                            + " records: the file is truncated; download or build it again");
        }
    }

    private String finish(TarStreamDigest tarBytes) throws AciFormatException {
        try {
            return tarBytes.finishImageId();
        } catch (IOException e) {
            throw new AciFormatException(file, null, tarBytes.position(), "unreadable after the tar: " + e, e);
        }
    }

    private static long roundUp(long position) {
        return (position + RECORD_BYTES - 1) / RECORD_BYTES * RECORD_BYTES;
    }

    /** An entry's content; read errors (truncation, corrupt compression) name the entry. */
    private final class EntryData extends FilterInputStream {
        private final AciEntry entry;

        EntryData(InputStream in, AciEntry entry) {
            super(in);
            this.entry = entry;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return in.read(buffer, offset, length);
            } catch (IOException e) {
                throw new AciFormatException(
                        file,
                        entry.name(),
                        entry.tarOffset(),
                        "content unreadable, the archive" + " is truncated or corrupt (" + e.getMessage()
                                + "); download or build it again",
                        e);
            }
        }

        @Override
        public void close() {
            // the tar stream belongs to the walker
        }
    }
}
