package dev.stage1kvm.aci;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The layout rules of appc spec 0.8.11 ("Image Layout", "Image Archives"), checked entry by entry: only
 * {@code manifest} (a regular file) and {@code rootfs/...} at the top, each name once, relative names without
 * {@code ..}, a fixed set of entry types, hard links only to earlier entries inside {@code rootfs}.
 */
final class AciLayoutRules {

    private static final String MANIFEST = "manifest";
    private static final String ROOTFS = "rootfs";

    private static final int PERMISSION_BITS = 07777;

    /** POSIX.1 ustar typeflag '7': a contiguous file, which readers treat as a regular file. */
    private static final byte LF_CONTIGUOUS = '7';

    private final Path file;
    private final Map<String, AciEntry.Type> seen = new HashMap<>();

    AciLayoutRules(Path file) {
        this.file = file;
    }

    AciEntry check(TarArchiveEntry tarEntry, long offset) throws AciFormatException {
        String rawName = tarEntry.getName();
        AciEntry.Type type = type(tarEntry, rawName, offset);
        String name = normalize(rawName, rawName, offset);
        checkTopLevel(rawName, name, type, offset);
        String linkTarget = linkTarget(tarEntry, rawName, type, offset);
        if (seen.putIfAbsent(name, type) != null) {
            throw fail(rawName, offset, "duplicate entry: an ACI holds each name once");
        }
        return new AciEntry(
                name,
                type,
                tarEntry.getMode() & PERMISSION_BITS,
                type == AciEntry.Type.FILE ? tarEntry.getSize() : 0,
                tarEntry.getLongUserId(),
                tarEntry.getLongGroupId(),
                tarEntry.getUserName(),
                tarEntry.getGroupName(),
                linkTarget,
                tarEntry.getLastModifiedTime().toInstant(),
                offset);
    }

    /** After the last entry: both top-level names must have been present. */
    void checkComplete(long endOffset) throws AciFormatException {
        if (!seen.containsKey(MANIFEST)) {
            throw new AciFormatException(file, null, endOffset, "no 'manifest' entry: not an ACI");
        }
        if (!seen.containsKey(ROOTFS)) {
            throw new AciFormatException(file, null, endOffset, "no 'rootfs' directory entry: not an ACI");
        }
    }

    private AciEntry.Type type(TarArchiveEntry entry, String rawName, long offset) throws AciFormatException {
        byte flag = entry.getLinkFlag();
        switch (flag) {
            case TarConstants.LF_NORMAL:
            case TarConstants.LF_OLDNORM:
                return rawName.endsWith("/") ? AciEntry.Type.DIRECTORY : AciEntry.Type.FILE;
            case LF_CONTIGUOUS:
                return AciEntry.Type.FILE;
            case TarConstants.LF_DIR:
                return AciEntry.Type.DIRECTORY;
            case TarConstants.LF_SYMLINK:
                return AciEntry.Type.SYMLINK;
            case TarConstants.LF_LINK:
                return AciEntry.Type.HARDLINK;
            case TarConstants.LF_CHR:
                return AciEntry.Type.CHAR_DEVICE;
            case TarConstants.LF_BLK:
                return AciEntry.Type.BLOCK_DEVICE;
            case TarConstants.LF_FIFO:
                return AciEntry.Type.FIFO;
            default:
                throw fail(
                        rawName,
                        offset,
                        "entry type '" + (char) flag + "' is not allowed; expected a file,"
                                + " directory, symlink, hard link, character or block device, or fifo");
        }
    }

    /** Drops empty and {@code .} segments and a trailing slash; refuses absolute names and {@code ..}. */
    private String normalize(String name, String entryName, long offset) throws AciFormatException {
        if (name.startsWith("/")) {
            throw fail(
                    entryName, offset, "absolute path '" + name + "'; ACI entries are relative (manifest, rootfs/...)");
        }
        StringBuilder out = new StringBuilder();
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw fail(
                        entryName,
                        offset,
                        "path '" + name + "' has a '..' segment, which could climb out of the" + " image");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                out.append(out.length() == 0 ? "" : "/").append(segment);
            }
        }
        if (out.length() == 0) {
            throw fail(entryName, offset, "path '" + name + "' names no file");
        }
        return out.toString();
    }

    private void checkTopLevel(String rawName, String name, AciEntry.Type type, long offset) throws AciFormatException {
        if (name.equals(MANIFEST)) {
            if (type != AciEntry.Type.FILE) {
                throw fail(rawName, offset, "'manifest' must be a regular file, found " + describe(type));
            }
        } else if (name.equals(ROOTFS)) {
            if (type != AciEntry.Type.DIRECTORY) {
                throw fail(rawName, offset, "'rootfs' must be a directory, found " + describe(type));
            }
        } else if (!name.startsWith(ROOTFS + "/")) {
            throw fail(rawName, offset, "unrecognized top-level entry; an ACI holds only 'manifest' and 'rootfs/'");
        }
    }

    private String linkTarget(TarArchiveEntry entry, String rawName, AciEntry.Type type, long offset)
            throws AciFormatException {
        if (type == AciEntry.Type.SYMLINK) {
            return entry.getLinkName();
        }
        if (type != AciEntry.Type.HARDLINK) {
            return null;
        }
        String target = normalize(entry.getLinkName(), rawName, offset);
        AciEntry.Type targetType = seen.get(target);
        if (!target.startsWith(ROOTFS + "/") || targetType == null) {
            throw fail(
                    rawName,
                    offset,
                    "hard link to '" + entry.getLinkName() + "', which is not an earlier entry" + " inside rootfs/");
        }
        if (targetType != AciEntry.Type.FILE && targetType != AciEntry.Type.HARDLINK) {
            throw fail(
                    rawName,
                    offset,
                    "hard link to '" + entry.getLinkName() + "', which is a " + describe(targetType)
                            + ", not a regular file");
        }
        return target;
    }

    private static String describe(AciEntry.Type type) {
        return type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private AciFormatException fail(String entryName, long offset, String problem) {
        return new AciFormatException(file, entryName, offset, problem);
    }
}
