package dev.stage1kvm.aci;

import java.nio.file.Path;
import java.util.List;

/**
 * What an ACI holds, read in one pass.
 *
 * @param file the archive that was read
 * @param compression found by magic bytes
 * @param manifestJson the bytes of the {@code manifest} entry, unparsed
 * @param entries every entry in archive order, {@code manifest} included
 * @param imageId {@code sha512-} and the hex SHA-512 of the uncompressed tar
 */
public record AciContents(
        Path file, Compression compression, byte[] manifestJson, List<AciEntry> entries, String imageId) {

    public AciContents {
        entries = List.copyOf(entries);
    }
}
