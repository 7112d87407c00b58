package dev.stage1kvm.hypervisor;

/** How the guest's CPU runs: KVM (hardware virtualization) or TCG (QEMU's own translation, slower, works anywhere). */
public enum Accel {
    KVM("kvm"),
    TCG("tcg");

    private final String qemuName;

    Accel(String qemuName) {
        this.qemuName = qemuName;
    }

    /** The name QEMU's {@code -accel} takes. */
    public String qemuName() {
        return qemuName;
    }
}
