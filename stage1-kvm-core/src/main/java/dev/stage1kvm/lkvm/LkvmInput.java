package dev.stage1kvm.lkvm;

import dev.stage1kvm.hypervisor.Hypervisor;
import dev.stage1kvm.rootfs.HostTree;
import dev.stage1kvm.rootfs.InvalidInputException;
import dev.stage1kvm.rootfs.RootfsInput;
import dev.stage1kvm.rootfs.StagedTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * lkvm at {@code /lkvm}, rkt's path, from a build or a prebuilt file. Either way it is checked to be a static x86-64
 * executable first: the image carries no libraries for it.
 */
public final class LkvmInput implements RootfsInput {

    private final Path file;
    private final String name;

    private LkvmInput(Path file, String name) {
        this.file = file;
        this.name = name;
    }

    /** The lkvm a {@link LkvmBuilder} made. */
    public static LkvmInput built(LkvmBuildResult result) {
        return new LkvmInput(result.binary(), "lkvm built from kvmtool " + result.commitId());
    }

    /**
     * An lkvm built elsewhere.
     *
     * @param name names the input in errors, as the user wrote it
     */
    public static LkvmInput prebuilt(Path file, String name) {
        return new LkvmInput(file, name);
    }

    @Override
    public String description() {
        return name + " " + file + " -> " + Hypervisor.LKVM.guestPath();
    }

    @Override
    public void addTo(StagedTree tree) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(
                    name, "'" + file + "' does not exist or is not a regular file; point it at kvmtool's lkvm-static");
        }
        try {
            LkvmBinary.requireStaticX8664(file, "lkvm");
        } catch (LkvmBinaryException e) {
            throw new InvalidInputException(name, e.getMessage(), e);
        }
        HostTree.addFile(file, Hypervisor.LKVM.guestPath(), tree, name);
    }
}
