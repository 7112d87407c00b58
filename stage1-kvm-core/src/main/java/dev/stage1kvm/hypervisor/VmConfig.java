package dev.stage1kvm.hypervisor;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Everything about one pod VM that does not depend on the hypervisor.
 *
 * @param vmName a name for process listings, e.g. {@code stage1-kvm-<pod uuid>}
 * @param boot kernel, initrd and PID 1
 * @param rootShareOnHost the extracted image rootfs, shared read-only as {@link GuestShares#ROOT_TAG}
 * @param podShareOnHost the per-pod folder, shared writable as {@link GuestShares#POD_TAG}
 * @param memoryMib guest memory in MiB
 * @param vcpuCount virtual CPUs
 * @param accel KVM or TCG
 * @param hostTscKhz the host's TSC rate in kHz when known; under TCG the guest TSC runs at this rate and a guest
 *     without HPET or PM timer (QEMU's microvm) needs it to boot reliably
 * @param debug kernel and systemd messages on the console
 * @param extraKernelParams appended to the kernel command line as they are
 */
public record VmConfig(
        String vmName,
        BootFiles boot,
        Path rootShareOnHost,
        Path podShareOnHost,
        long memoryMib,
        int vcpuCount,
        Accel accel,
        OptionalLong hostTscKhz,
        boolean debug,
        List<String> extraKernelParams) {

    public VmConfig {
        Objects.requireNonNull(vmName, "vmName");
        Objects.requireNonNull(boot, "boot");
        Objects.requireNonNull(rootShareOnHost, "rootShareOnHost");
        Objects.requireNonNull(podShareOnHost, "podShareOnHost");
        Objects.requireNonNull(accel, "accel");
        Objects.requireNonNull(hostTscKhz, "hostTscKhz");
        extraKernelParams = List.copyOf(extraKernelParams);
        if (memoryMib < 1 || vcpuCount < 1) {
            throw new IllegalArgumentException(
                    "a VM needs memory and vCPUs, got " + memoryMib + " MiB and " + vcpuCount + " vCPUs");
        }
    }
}
