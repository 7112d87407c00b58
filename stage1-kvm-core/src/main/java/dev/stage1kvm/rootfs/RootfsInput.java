package dev.stage1kvm.rootfs;

import java.io.IOException;

/**
 * Something that adds entries to a stage1 rootfs: a host folder or file today; Debian packages, a kernel build or an
 * lkvm build behind the same interface.
 */
public interface RootfsInput {

    /** Names the input in logs and errors, as the user configured it. */
    String description();

    /**
     * Adds this input's entries to {@code tree}; later inputs win over earlier ones.
     *
     * @throws InvalidInputException when the input cannot be used as configured
     */
    void addTo(StagedTree tree) throws IOException;
}
