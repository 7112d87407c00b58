package dev.stage1kvm.build;

import dev.stage1kvm.rootfs.RootfsInput;
import dev.stage1kvm.rootfs.StagedTree;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An input built on this host: its tools are checked before anything is fetched or staged, and the full log of its
 * build is kept in the build's log folder.
 */
public interface ToolsInput extends RootfsInput {

    /** @throws dev.stage1kvm.rootfs.InvalidInputException naming each missing tool and the package that has it */
    void requireTools();

    /**
     * Adds this input's entries as {@link #addTo(StagedTree)} does, and copies the log of its build (compiled now or
     * taken from the cache) into {@code logFolder}. A failed build's log is copied too, and its error names the copy.
     */
    void addTo(StagedTree tree, Path logFolder) throws IOException;
}
