package dev.stage1kvm.maven;

import java.io.File;

/**
 * One {@code <input>} of the {@code assemble} goal: a host folder or file mapped into the rootfs.
 *
 * <pre>{@code
 * <input>
 *   <source>src/stage1/qemu</source>   <!-- folder or file -->
 *   <target>/</target>                 <!-- where it goes in the rootfs; default / -->
 *   <hypervisor>qemu</hypervisor>      <!-- only in that hypervisor's image; default: every image -->
 * </input>
 * }</pre>
 */
public class Input {

    /** The host folder or file. Required. */
    File source;

    /** Where it goes in the rootfs. Default {@code /} for a folder; a file needs a full path. */
    String target;

    /** {@code lkvm} or {@code qemu} to put it in that hypervisor's image only. */
    String hypervisor;

    @Override
    public String toString() {
        return "<input> " + source + (hypervisor == null ? "" : " (" + hypervisor + ")");
    }
}
