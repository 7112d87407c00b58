package dev.stage1kvm.aci;

import java.time.Instant;

/**
 * One entry of an ACI's tar, as read.
 *
 * @param name the normalised name: relative, no trailing {@code /}, e.g. {@code manifest} or {@code rootfs/usr/bin}
 * @param type what the entry is
 * @param mode permission and set-id bits
 * @param sizeBytes bytes of content (0 for anything but a regular file)
 * @param linkTarget a symlink's target as written, a hard link's normalised entry name, else {@code null}
 * @param tarOffset where the entry's own header starts in the uncompressed tar
 */
public record AciEntry(
        String name,
        Type type,
        int mode,
        long sizeBytes,
        long uid,
        long gid,
        String userName,
        String groupName,
        String linkTarget,
        Instant mtime,
        long tarOffset) {

    /** The entry types an ACI may hold. */
    public enum Type {
        FILE,
        DIRECTORY,
        SYMLINK,
        HARDLINK,
        CHAR_DEVICE,
        BLOCK_DEVICE,
        FIFO
    }
}
