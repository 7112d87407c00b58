package dev.stage1kvm.aci;

import dev.stage1kvm.rootfs.StagedEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Makes tar entries that carry nothing of the machine that wrote them: owner root:root (0:0), one modification
 * time, permission bits only, no access or change times.
 */
final class AciTarEntries {

    /** The ustar mtime field holds 11 octal digits (POSIX.1-2017, pax "ustar Interchange Format"). */
    private static final long MAX_USTAR_SECONDS = 077777777777L;

    /** Permission and set-id bits; the file type is said by the type flag, not the mode field. */
    private static final int PERMISSION_BITS = 07777;

    private static final String ROOT = "root";

    private static final int COPY_BUFFER_BYTES = 64 * 1024;

    private final FileTime mtime;
    private final byte[] copyBuffer = new byte[COPY_BUFFER_BYTES];

    AciTarEntries(Instant mtime) {
        this.mtime = FileTime.from(mtime);
    }

    /**
     * Whole seconds between 1970 and the ustar limit, so that no PAX time header is ever needed.
     *
     * @throws IllegalArgumentException when the instant is outside that range
     */
    static Instant checkedTime(Instant mtime) {
        Objects.requireNonNull(mtime, "mtime");
        Instant seconds = mtime.truncatedTo(ChronoUnit.SECONDS);
        if (seconds.getEpochSecond() < 0 || seconds.getEpochSecond() > MAX_USTAR_SECONDS) {
            throw new IllegalArgumentException("entry time " + mtime + " does not fit a tar header; use a time between"
                    + " 1970-01-01T00:00:00Z and " + Instant.ofEpochSecond(MAX_USTAR_SECONDS));
        }
        return seconds;
    }

    void putDirectory(TarArchiveOutputStream tar, String name, int mode) throws IOException {
        tar.putArchiveEntry(entry(name + "/", TarConstants.LF_DIR, mode));
        tar.closeArchiveEntry();
    }

    void putFile(TarArchiveOutputStream tar, String name, int mode, byte[] data) throws IOException {
        TarArchiveEntry entry = entry(name, TarConstants.LF_NORMAL, mode);
        entry.setSize(data.length);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    void putSymlink(TarArchiveOutputStream tar, String name, String target) throws IOException {
        TarArchiveEntry entry = entry(name, TarConstants.LF_SYMLINK, 0777);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    /** A hard link: size 0, pointing at an earlier entry by its full archive name. */
    void putHardLink(TarArchiveOutputStream tar, String name, String targetName, int mode) throws IOException {
        TarArchiveEntry entry = entry(name, TarConstants.LF_LINK, mode);
        entry.setLinkName(targetName);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    /** Writes a staged file under {@code rootfs/}, checking that its bytes still number what was staged. */
    void putRegularFile(TarArchiveOutputStream tar, String guestPath, StagedEntry.RegularFile file) throws IOException {
        String name = "rootfs/" + guestPath;
        if (file.content() instanceof StagedEntry.Bytes bytes) {
            if (bytes.data().length != file.sizeBytes()) {
                throw new IllegalArgumentException(name + " is staged with " + file.sizeBytes() + " bytes but its"
                        + " content holds " + bytes.data().length + "; stage it with the content's length");
            }
            putFile(tar, name, file.mode(), bytes.data());
            return;
        }
        Path host = ((StagedEntry.HostFile) file.content()).pathOnHost();
        long actual = Files.size(host);
        if (actual != file.sizeBytes()) {
            throw new HostFileChangedException(host, guestPath, file.sizeBytes(), actual);
        }
        TarArchiveEntry entry = entry(name, TarConstants.LF_NORMAL, file.mode());
        entry.setSize(file.sizeBytes());
        tar.putArchiveEntry(entry);
        copyExactly(tar, host, guestPath, file.sizeBytes());
        tar.closeArchiveEntry();
    }

    private void copyExactly(TarArchiveOutputStream tar, Path host, String guestPath, long sizeBytes)
            throws IOException {
        try (InputStream in = Files.newInputStream(host)) {
            long remaining = sizeBytes;
            while (remaining > 0) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while copying " + host);
                }
                int read = in.read(copyBuffer, 0, (int) Math.min(copyBuffer.length, remaining));
                if (read < 0) {
                    throw new HostFileChangedException(host, guestPath, sizeBytes, sizeBytes - remaining);
                }
                tar.write(copyBuffer, 0, read);
                remaining -= read;
            }
            if (in.read() >= 0) {
                throw new HostFileChangedException(host, guestPath, sizeBytes, -1);
            }
        }
    }

    private TarArchiveEntry entry(String name, byte type, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        entry.setMode(mode & PERMISSION_BITS);
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName(ROOT);
        entry.setGroupName(ROOT);
        entry.setLastModifiedTime(mtime);
        return entry;
    }
}
