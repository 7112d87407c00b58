package dev.stage1kvm.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * An initramfs: a cpio archive in the "newc" format the kernel unpacks into its first root (the kernel's
 * Documentation/driver-api/early-userspace/buffer-format.rst), optionally gzip-compressed. The bytes depend only on
 * the entries: they are written sorted by path (a folder before what it holds, which the kernel's unpacker needs),
 * with inode numbers counted from 1 in that order, owner and group 0, one fixed mtime, link counts of 2 for folders
 * and 1 for everything else, device numbers 0 and no checksum; a gzip stream has mtime 0, no file name and OS
 * "unknown".
 */
public final class Initramfs {

    /** One entry; its path is relative to the initramfs root, without {@code .} or {@code ..} segments. */
    public sealed interface Entry {
        String path();
    }

    /** A folder; {@code mode} holds the permission bits. */
    public record Directory(String path, int mode) implements Entry {}

    /** A regular file. */
    public record File(String path, int mode, byte[] content) implements Entry {
        public File {
            Objects.requireNonNull(content, "content");
        }
    }

    /** A symbolic link, stored as its target's bytes. */
    public record Symlink(String path, String target) implements Entry {}

    /** A character device node, such as {@code dev/console} (5, 1) for the kernel to open before /init runs. */
    public record CharDevice(String path, int mode, int major, int minor) implements Entry {}

    /** How the archive is compressed; the kernel unpacks both ({@code CONFIG_RD_GZIP} for gzip). */
    public enum Compression {
        NONE,
        GZIP
    }

    /** cpio's block: the archive is padded with zeros to a multiple of it, as cpio(1) does. */
    static final int BLOCK_SIZE_BYTES = 512;

    private static final int PERMISSION_BITS = 07777;

    private final Map<String, Entry> entries = new TreeMap<>();

    /**
     * Adds an entry.
     *
     * @throws IllegalArgumentException when the path is absolute, has empty, {@code .} or {@code ..} segments, or is
     *     already taken
     */
    public Initramfs add(Entry entry) {
        String path = entry.path();
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("initramfs path '" + path + "' must be relative and normalised");
            }
        }
        if (entries.putIfAbsent(path, entry) != null) {
            throw new IllegalArgumentException("initramfs path '" + path + "' is added twice");
        }
        return this;
    }

    /** The entries in archive order. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /**
     * The archive's bytes.
     *
     * @param mtimeSeconds every entry's modification time, in seconds since 1970
     * @throws IllegalStateException when an entry's parent folder is not an entry
     */
    public byte[] toBytes(long mtimeSeconds, Compression compression) {
        requireParents();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = compression == Compression.GZIP ? gzip(bytes) : bytes) {
            writeCpio(out, mtimeSeconds);
        } catch (IOException e) {
            throw new UncheckedIOException("writing an initramfs into memory failed", e);
        }
        return bytes.toByteArray();
    }

    private void writeCpio(OutputStream out, long mtimeSeconds) throws IOException {
        CpioArchiveOutputStream cpio = new CpioArchiveOutputStream(
                out, CpioConstants.FORMAT_NEW, BLOCK_SIZE_BYTES, StandardCharsets.UTF_8.name());
        long inode = 1;
        for (Entry entry : entries.values()) {
            byte[] data = data(entry);
            CpioArchiveEntry header = header(entry, data.length);
            header.setInode(inode++);
            header.setTime(mtimeSeconds);
            cpio.putArchiveEntry(header);
            cpio.write(data);
            cpio.closeArchiveEntry();
        }
        cpio.finish();
    }

    private static CpioArchiveEntry header(Entry entry, long sizeBytes) {
        CpioArchiveEntry header = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, entry.path(), sizeBytes);
        header.setUID(0);
        header.setGID(0);
        header.setNumberOfLinks(entry instanceof Directory ? 2 : 1);
        if (entry instanceof Directory directory) {
            header.setMode(CpioConstants.C_ISDIR | (directory.mode() & PERMISSION_BITS));
        } else if (entry instanceof File file) {
            header.setMode(CpioConstants.C_ISREG | (file.mode() & PERMISSION_BITS));
        } else if (entry instanceof Symlink) {
            header.setMode(CpioConstants.C_ISLNK | 0777);
        } else if (entry instanceof CharDevice device) {
            header.setMode(CpioConstants.C_ISCHR | (device.mode() & PERMISSION_BITS));
            header.setRemoteDeviceMaj(device.major());
            header.setRemoteDeviceMin(device.minor());
        }
        return header;
    }

    private static byte[] data(Entry entry) {
        if (entry instanceof File file) {
            return file.content();
        }
        if (entry instanceof Symlink link) {
            return link.target().getBytes(StandardCharsets.UTF_8);
        }
        return new byte[0];
    }

    private void requireParents() {
        List<String> orphans = new ArrayList<>();
        for (String path : entries.keySet()) {
            int slash = path.lastIndexOf('/');
            if (slash > 0 && !(entries.get(path.substring(0, slash)) instanceof Directory)) {
                orphans.add(path);
            }
        }
        if (!orphans.isEmpty()) {
            throw new IllegalStateException("initramfs entries without a parent folder entry: " + orphans);
        }
    }

    private static OutputStream gzip(OutputStream out) throws IOException {
        GzipParameters parameters = new GzipParameters();
        parameters.setCompressionLevel(Deflater.BEST_COMPRESSION);
        parameters.setModificationTime(0);
        parameters.setOS(GzipParameters.OS.UNKNOWN);
        return new GzipCompressorOutputStream(out, parameters);
    }
}
