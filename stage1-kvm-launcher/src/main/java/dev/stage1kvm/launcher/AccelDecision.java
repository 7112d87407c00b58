package dev.stage1kvm.launcher;

import dev.stage1kvm.hypervisor.Accel;
import dev.stage1kvm.hypervisor.Hypervisor;
import dev.stage1kvm.hypervisor.KvmProbe;
import dev.stage1kvm.hypervisor.ProbeResult;
import dev.stage1kvm.hypervisor.ProcessGuestRunner;
import dev.stage1kvm.hypervisor.Stage1Files;

/** Turns {@code --accel} into KVM or TCG, running the KVM probe unless the user chose TCG. */
final class AccelDecision {

    private final LauncherContext context;
    private final TerminalListener listener;

    AccelDecision(LauncherContext context, TerminalListener listener) {
        this.context = context;
        this.listener = listener;
    }

    /**
     * @throws LauncherException when {@code --accel kvm} is asked for, or the image runs lkvm, and KVM does not work
     */
    Accel choose(RunOptions.AccelChoice choice, Stage1Files files) {
        boolean lkvm = files.hypervisor() == Hypervisor.LKVM;
        if (choice == RunOptions.AccelChoice.TCG) {
            if (lkvm) {
                throw new LauncherException("--accel tcg: the stage1 image runs lkvm, which needs KVM; use a QEMU"
                        + " stage1 image (stage1-kvm-qemu.aci) for TCG");
            }
            listener.info("accel TCG (--accel tcg)");
            return Accel.TCG;
        }
        ProbeResult probe = new KvmProbe(context.hostRoot(), files.qemu(), new ProcessGuestRunner()).probe();
        listener.debug("KVM probe took " + probe.elapsed().toMillis() + " ms: " + probe.reason());
        if (probe.accel() == Accel.KVM) {
            listener.info("accel KVM: " + probe.reason());
            return Accel.KVM;
        }
        if (lkvm) {
            throw new LauncherException("the stage1 image runs lkvm, which needs KVM, and " + problem(probe)
                    + "; use a QEMU stage1 image (stage1-kvm-qemu.aci) on this host");
        }
        if (choice == RunOptions.AccelChoice.KVM) {
            throw new LauncherException(
                    "--accel kvm: " + problem(probe) + "; use --accel auto or --accel tcg on this host");
        }
        listener.warn(probe.reason());
        return Accel.TCG;
    }

    /** The probe's finding without the fallback it announces ("KVM is not usable (...)"). */
    private static String problem(ProbeResult probe) {
        int fallback = probe.reason().indexOf("; using TCG");
        return fallback < 0 ? probe.reason() : probe.reason().substring(0, fallback);
    }
}
