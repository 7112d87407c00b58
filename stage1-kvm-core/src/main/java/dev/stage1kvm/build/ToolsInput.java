package dev.stage1kvm.build;

import dev.stage1kvm.rootfs.RootfsInput;

/** An input built on this host: its tools are checked before anything is fetched or staged. */
public interface ToolsInput extends RootfsInput {

    /** @throws dev.stage1kvm.rootfs.InvalidInputException naming each missing tool and the package that has it */
    void requireTools();
}
