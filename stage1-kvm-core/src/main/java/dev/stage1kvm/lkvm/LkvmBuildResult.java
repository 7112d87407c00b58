package dev.stage1kvm.lkvm;

import java.nio.file.Path;

/**
 * A built lkvm in the cache.
 *
 * @param binary the static lkvm executable
 * @param log the full build log
 * @param commitId the kvmtool commit it was built from
 * @param inputDigest the SHA-256 of every input, the cache key
 * @param fromCache whether nothing was compiled
 */
public record LkvmBuildResult(Path binary, Path log, String commitId, String inputDigest, boolean fromCache) {

    static LkvmBuildResult of(Path entry, String commitId, String inputDigest, boolean fromCache) {
        return new LkvmBuildResult(
                entry.resolve(LkvmBuilder.BINARY_FILE),
                entry.resolve(LkvmBuilder.LOG_FILE),
                commitId,
                inputDigest,
                fromCache);
    }
}
