package dev.stage1kvm.hypervisor;

import java.util.ArrayList;
import java.util.List;

/** The guest kernel's command line, built as a list of parameters. */
public final class KernelCommandLine {

    /** Console on the virtio console, which the hypervisor wires to the launcher's stdio. */
    static final List<String> CONSOLE = List.of("console=hvc0");

    /** The image's rootfs over 9p, read-only: no pod can change the image. */
    static final List<String> ROOT = List.of(
            "root=" + GuestShares.ROOT_TAG, "rootfstype=9p", "rootflags=" + GuestShares.ROOT_MOUNT_OPTIONS, "ro");

    /** A panicking kernel restarts at once, which ends the hypervisor (QEMU -no-reboot, lkvm on reset). */
    static final List<String> PANIC = List.of("panic=-1");

    /** Without --debug: only warnings from the kernel, only errors from systemd, so the console is the app's. */
    static final List<String> QUIET = List.of("quiet", "systemd.show_status=false", "systemd.log_level=err");

    /** With --debug: every kernel and systemd message, and systemd's status lines. */
    static final List<String> DEBUG = List.of("debug", "systemd.show_status=true", "systemd.log_level=debug");

    private KernelCommandLine() {}

    /**
     * The parameters in order: console, root, init, panic, the hypervisor's own, the quiet or debug set, then the
     * user's extra parameters last so that they win.
     *
     * @param hypervisorParams parameters the hypervisor's machine needs (e.g. {@code tsc_early_khz=})
     */
    public static List<String> build(VmConfig config, List<String> hypervisorParams) {
        List<String> params = new ArrayList<>(CONSOLE);
        params.addAll(ROOT);
        params.add("init=" + config.boot().guestInit());
        params.addAll(PANIC);
        params.addAll(hypervisorParams);
        params.addAll(config.debug() ? DEBUG : QUIET);
        params.addAll(config.extraKernelParams());
        return params;
    }
}
