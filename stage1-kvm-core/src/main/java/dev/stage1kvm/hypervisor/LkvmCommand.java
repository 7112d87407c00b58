package dev.stage1kvm.hypervisor;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds the kvmtool ({@code lkvm run}) command line for a pod VM. Pure: nothing is started or read. lkvm runs only
 * under KVM and is linked statically, so it needs no loader and no environment.
 */
public final class LkvmCommand {

    private final Path lkvmBinary;

    public LkvmCommand(Path lkvmBinary) {
        this.lkvmBinary = lkvmBinary;
    }

    /**
     * The argv that boots {@code config}'s VM.
     *
     * @throws IllegalArgumentException when the VM asks for TCG, or a share's path holds a comma (lkvm's {@code --9p}
     *     has no way to escape one)
     */
    public HypervisorCommand build(VmConfig config) {
        if (config.accel() != Accel.KVM) {
            throw new IllegalArgumentException("lkvm runs guests only under KVM, but the pod asks for "
                    + config.accel().qemuName() + "; use the QEMU stage1 image on hosts without working KVM");
        }
        Argv argv = new Argv();
        argv.add(lkvmBinary.toString());
        argv.add("run");
        argv.add("--name", config.vmName());
        argv.add("--cpus", Integer.toString(config.vcpuCount()));
        argv.add("--mem", Long.toString(config.memoryMib()));
        // hvc0 on lkvm's stdio; lkvm itself quits on Ctrl-a x
        argv.add("--console", "virtio");
        argv.add("--rng");
        // no NIC until pod networking exists; lkvm's default is a user-mode NIC
        argv.add("--network", "mode=none");
        argv.add("--kernel", config.boot().kernelOnHost().toString());
        config.boot().initrdOnHost().ifPresent(initrd -> argv.add("--initrd", initrd.toString()));
        // lkvm's 9p server has no read-only mode: only the guest's ro mount keeps the root share unchanged
        argv.add("--9p", share(config.rootShareOnHost(), GuestShares.ROOT_TAG));
        argv.add("--9p", share(config.podShareOnHost(), GuestShares.POD_TAG));
        argv.add("--params", String.join(" ", KernelCommandLine.build(config, List.of())));
        return new HypervisorCommand(argv.toList(), Map.of());
    }

    private static String share(Path pathOnHost, String tag) {
        String path = pathOnHost.toString();
        if (path.contains(",")) {
            throw new IllegalArgumentException("lkvm cannot share '" + path + "': its --9p option splits at commas;"
                    + " move the pod folder to a path without one");
        }
        return path + "," + tag;
    }
}
