package dev.stage1kvm.build;

import dev.stage1kvm.rootfs.InvalidInputException;
import dev.stage1kvm.source.MissingBuildToolException;

/**
 * The kernel is to be built on this host, which lacks tools for it. The message names each tool, its package and the
 * {@code apt-get install} line; a front end adds the switch that takes a prebuilt kernel instead.
 */
public final class MissingKernelToolsException extends InvalidInputException {

    public MissingKernelToolsException(String input, MissingBuildToolException cause) {
        super(input, cause.getMessage(), cause);
    }

    public MissingBuildToolException missing() {
        return (MissingBuildToolException) getCause();
    }
}
