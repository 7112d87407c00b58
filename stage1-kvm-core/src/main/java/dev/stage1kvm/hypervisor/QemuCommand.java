package dev.stage1kvm.hypervisor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds the QEMU command line for a pod VM. Pure: nothing is started or read. */
public final class QemuCommand {

    /** isa-debug-exit's I/O port: a byte v written there ends QEMU at once with exit code 2v+1. */
    public static final int DEBUG_EXIT_PORT = 0xf4;

    private final QemuInstall install;

    public QemuCommand(QemuInstall install) {
        this.install = install;
    }

    /** The argv and environment that boot {@code config}'s VM. */
    public HypervisorCommand build(VmConfig config) {
        QemuMachine machine = QemuMachine.choose(config);
        Argv argv = new Argv();
        launcher(argv, install);
        machine(argv, config, machine);
        boot(argv, config, machine);
        console(argv, machine);
        shares(argv, config, machine);
        // the guest's exit status leaves through this port; microvm has an ISA bus too (its serial port and RTC)
        argv.add("-device", "isa-debug-exit,iobase=0x" + Integer.toHexString(DEBUG_EXIT_PORT) + ",iosize=0x04");
        return new HypervisorCommand(
                argv.toList(), Map.of("QEMU_MODULE_DIR", install.moduleDir().toString()));
    }

    /** The guest kernel's parameters for this VM on the machine QEMU will use. */
    public static List<String> kernelParams(VmConfig config, QemuMachine machine) {
        List<String> own = new ArrayList<>();
        if (machine == QemuMachine.MICROVM && config.accel() == Accel.TCG) {
            // microvm has no HPET or PM timer to calibrate the TSC against; quick PIT calibration fails under TCG
            own.add("tsc_early_khz=" + config.hostTscKhz().getAsLong());
        }
        return KernelCommandLine.build(config, own);
    }

    /**
     * The guest CPU: everything TCG can emulate, or the host's own CPU under KVM. QEMU's default, qemu64, lacks
     * x86-64-v2 (SSE4.2, POPCNT), without which app images built on RHEL 9 refuse to start.
     */
    static String cpuModel(Accel accel) {
        return accel == Accel.KVM ? "host" : "max";
    }

    /** The image's loader running the image's QEMU with the image's libraries and firmware. */
    static void launcher(Argv argv, QemuInstall install) {
        String libraryPath = install.libraryPath().stream().map(Path::toString).collect(Collectors.joining(":"));
        argv.add(install.loader().toString());
        argv.add("--library-path", libraryPath);
        argv.add(install.binary().toString());
        argv.add("-L", install.firmwareDir().toString());
    }

    private static void machine(Argv argv, VmConfig config, QemuMachine machine) {
        argv.add("-name", escape(config.vmName()));
        argv.add("-machine", machine.qemuName());
        argv.add("-accel", config.accel().qemuName());
        argv.add("-cpu", cpuModel(config.accel()));
        argv.add("-smp", Integer.toString(config.vcpuCount()));
        argv.add("-m", config.memoryMib() + "M");
        // no VGA, NIC, serial port or monitor of QEMU's choosing: every device is listed here
        argv.add("-nodefaults");
        argv.add("-no-user-config");
        argv.add("-nographic");
        // a guest reboot (the kernel's panic=-1 among others) ends QEMU instead of booting again
        argv.add("-no-reboot");
    }

    private static void boot(Argv argv, VmConfig config, QemuMachine machine) {
        argv.add("-kernel", config.boot().kernelOnHost().toString());
        config.boot().initrdOnHost().ifPresent(initrd -> argv.add("-initrd", initrd.toString()));
        argv.add("-append", String.join(" ", kernelParams(config, machine)));
    }

    private static void console(Argv argv, QemuMachine machine) {
        // mux=on: Ctrl-a x quits QEMU; signal=off: Ctrl-c reaches the app instead of killing QEMU
        argv.add("-chardev", "stdio,id=console,mux=on,signal=off");
        // one port: QEMU then offers no multiport feature, so the guest makes hvc0 while probing the device instead of
        // on a later message from QEMU, and the kernel has its console before it starts init
        argv.add("-device", machine.virtio("virtio-serial") + ",max_ports=1");
        argv.add("-device", "virtconsole,chardev=console");
        // entropy: without it systemd waited about 7 s for the random pool under TCG
        argv.add("-device", machine.virtio("virtio-rng"));
    }

    private static void shares(Argv argv, VmConfig config, QemuMachine machine) {
        argv.add("-fsdev", fsdev(GuestShares.ROOT_TAG, config.rootShareOnHost()) + ",readonly=on");
        argv.add("-device", ninePDevice(machine, GuestShares.ROOT_TAG));
        argv.add("-fsdev", fsdev(GuestShares.POD_TAG, config.podShareOnHost()));
        argv.add("-device", ninePDevice(machine, GuestShares.POD_TAG));
    }

    // security_model=none: the guest sees the host's owners and modes, and QEMU writes as the user running it
    private static String fsdev(String tag, Path pathOnHost) {
        return "local,id=" + tag + ",path=" + escape(pathOnHost.toString()) + ",security_model=none";
    }

    private static String ninePDevice(QemuMachine machine, String tag) {
        return machine.virtio("virtio-9p") + ",fsdev=" + tag + ",mount_tag=" + tag;
    }

    /** QEMU's option lists split at commas; a comma inside a value is written twice. */
    static String escape(String value) {
        return value.replace(",", ",,");
    }
}
