package dev.stage1kvm.kernel;

import java.nio.file.Path;

/**
 * A built kernel in the cache.
 *
 * @param image the boot image (bzImage on amd64, Image on arm64)
 * @param config the final .config it was built with
 * @param log the full build log
 * @param inputDigest the SHA-256 of every input, the cache key
 * @param fromCache whether nothing was compiled
 */
public record KernelBuildResult(Path image, Path config, Path log, String inputDigest, boolean fromCache) {

    static KernelBuildResult of(Path entry, String inputDigest, boolean fromCache) {
        return new KernelBuildResult(
                entry.resolve(KernelBuilder.IMAGE_FILE),
                entry.resolve(KernelBuilder.CONFIG_FILE),
                entry.resolve(KernelBuilder.LOG_FILE),
                inputDigest,
                fromCache);
    }
}
