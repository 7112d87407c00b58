package dev.stage1kvm.lkvm;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Which kvmtool to build lkvm from.
 *
 * @param gitUrl the kvmtool repository or a mirror: any URL JGit takes, a local path or a {@code file:} URL
 * @param commitId the pinned commit, 40 hex digits
 * @param patches applied in this order with {@code patch -p1 --forward} before building
 */
public record LkvmBuildRequest(String gitUrl, String commitId, List<Path> patches) {

    /** The kvmtool repository rkt built lkvm from. */
    public static final String KVMTOOL_URL = "https://kernel.googlesource.com/pub/scm/linux/kernel/git/will/kvmtool";

    /** The commit rkt pinned (2016-12-20); the same commit is in every kvmtool mirror. */
    public static final String RKT_COMMIT_ID = "cfae4d64482ed745214e3c62dd84b79c2ae0f325";

    public LkvmBuildRequest {
        Objects.requireNonNull(gitUrl, "gitUrl");
        Objects.requireNonNull(commitId, "commitId");
        patches = List.copyOf(patches);
    }
}
