package dev.stage1kvm.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Remembers the image ID of a stage1 file that was checked and stored, so that later runs need not read the whole
 * archive again. An entry holds the file's size, modification and change times and inode; a file that was written
 * since (even with its old mtime put back: the change time moves) misses and is read again.
 */
final class ImageIdCache {

    private final Path folder;

    ImageIdCache(Path storeRoot) {
        this.folder = storeRoot.resolve(".ids");
    }

    /** The image ID last recorded for {@code aci}, if the file is unchanged since. */
    Optional<String> lookup(Path aci) throws IOException {
        Path entry = entryFor(aci);
        if (!Files.isRegularFile(entry)) {
            return Optional.empty();
        }
        String[] fields =
                Files.readString(entry, StandardCharsets.UTF_8).strip().split(" ");
        if (fields.length != 2 || !fields[0].equals(stamp(aci))) {
            return Optional.empty();
        }
        return Optional.of(fields[1]).filter(id -> id.matches("sha512-[0-9a-f]{128}"));
    }

    /** Records {@code imageId} for {@code aci} as the file is now; written whole or not at all. */
    void record(Path aci, String imageId) throws IOException {
        Files.createDirectories(folder);
        Path entry = entryFor(aci);
        Path temp = Files.createTempFile(folder, ".entry-", ".tmp");
        try {
            Files.writeString(temp, stamp(aci) + " " + imageId + "\n", StandardCharsets.UTF_8);
            Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** What identifies this version of the file: size, mtime, ctime and inode, joined without spaces. */
    private static String stamp(Path aci) throws IOException {
        Object size = Files.getAttribute(aci, "unix:size");
        Object mtime = Files.getAttribute(aci, "unix:lastModifiedTime");
        Object ctime = Files.getAttribute(aci, "unix:ctime");
        Object inode = Files.getAttribute(aci, "unix:ino");
        return (size + "/" + mtime + "/" + ctime + "/" + inode).replace(' ', '_');
    }

    private Path entryFor(Path aci) throws IOException {
        String key = aci.toRealPath().toString();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
