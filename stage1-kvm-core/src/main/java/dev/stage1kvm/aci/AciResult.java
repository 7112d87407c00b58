package dev.stage1kvm.aci;

import java.nio.file.Path;

/**
 * A written ACI.
 *
 * @param path where the archive now is
 * @param imageId {@code sha512-} and the hex SHA-512 of the uncompressed tar
 * @param sizeBytes size of the file at {@code path}, after compression
 */
public record AciResult(Path path, String imageId, long sizeBytes) {}
