package dev.stage1kvm.build;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What the kernel is built from: a tarball or folder on this host, a tarball downloaded by URL and pinned by its
 * SHA-256, or Debian's kernel source package ({@link KernelSources}).
 */
public interface KernelSource {

    /** Names the source in logs and errors. */
    String description();

    /**
     * The tarball or folder on this host; a remote source is downloaded into the cache first (offline: taken from the
     * cache only) and verified.
     *
     * @throws dev.stage1kvm.rootfs.InvalidInputException when the source cannot be used as configured
     */
    Path fetch() throws IOException;
}
