package dev.stage1kvm.hypervisor;

/** The QEMU machine types a pod runs on, and the virtio transport each one has. */
public enum QemuMachine {
    /**
     * No firmware to speak of, no PCI, no ACPI PCI routing: the fastest boot (systemd app at 2.3-2.7 s under TCG).
     * Virtio devices sit on virtio-mmio. Under TCG it needs the host's TSC rate or hangs in about 1 boot in 5.
     */
    MICROVM("microvm", "device"),
    /** SeaBIOS and PCI: about 2.5 s slower under TCG, but it has HPET and PM timer, so it never hangs. */
    Q35("q35", "pci");

    private final String qemuName;
    private final String virtioSuffix;

    QemuMachine(String qemuName, String virtioSuffix) {
        this.qemuName = qemuName;
        this.virtioSuffix = virtioSuffix;
    }

    /** The name {@code -machine} takes. */
    public String qemuName() {
        return qemuName;
    }

    /** A virtio device's name on this machine's transport, e.g. {@code virtio-9p} → {@code virtio-9p-device}. */
    String virtio(String device) {
        return device + "-" + virtioSuffix;
    }

    /**
     * microvm unless it would run under TCG without a known TSC rate; then q35, the machine that never hung.
     */
    public static QemuMachine choose(VmConfig config) {
        return config.accel() == Accel.TCG && config.hostTscKhz().isEmpty() ? Q35 : MICROVM;
    }
}
