package dev.stage1kvm.pod;

import java.util.ArrayList;
import java.util.List;

/**
 * Sizes a pod's VM from its apps' limits (the stage1-kvm rules):
 *
 * <ul>
 *   <li>memory = the sum of the apps' memory limits, each in MiB rounded up, + {@link #SYSTEM_MEMORY_MIB}; an app
 *       without a limit counts {@link #DEFAULT_APP_MEMORY_MIB};
 *   <li>vCPUs = the host's CPUs when any app has no CPU limit, else the sum of the apps' limits, each rounded up to
 *       whole cores; either way at most the host's CPUs and {@link #KERNEL_NR_CPUS}.
 * </ul>
 *
 * Limits round up, never down, so that an app always gets at least what it asked for: {@code 500m} is one vCPU and
 * {@code 1G} (10^9 bytes) is 954 MiB, not 953.
 */
public final class Sizing {

    /** Memory for the guest kernel, systemd and the first-stage init, on top of the apps. */
    public static final long SYSTEM_MEMORY_MIB = 128;

    /** What an app without a memory limit counts; enough for a small service under systemd. */
    public static final long DEFAULT_APP_MEMORY_MIB = 128;

    /**
     * The guest kernel's {@code CONFIG_NR_CPUS} (kernel-config's amd64 fragment): the kernel ignores vCPUs past it,
     * so giving more only costs host threads.
     */
    public static final int KERNEL_NR_CPUS = 16;

    private static final long MIB = 1L << 20;
    private static final long MILLIS_PER_CORE = 1000;

    private Sizing() {}

    /**
     * Computes the VM size for a pod.
     *
     * @param apps the pod's apps, at least one
     * @param hostCpuCount the host's CPUs, e.g. {@code Runtime.availableProcessors()}
     */
    public static VmSize size(List<AppResources> apps, int hostCpuCount) {
        if (apps.isEmpty()) {
            throw new IllegalArgumentException("a pod needs at least one app to size its VM");
        }
        if (hostCpuCount < 1) {
            throw new IllegalArgumentException("host CPU count must be at least 1, was " + hostCpuCount);
        }
        List<String> memoryTerms = new ArrayList<>();
        long memoryMib = SYSTEM_MEMORY_MIB;
        for (AppResources app : apps) {
            long appMib = memoryMib(app);
            memoryTerms.add(
                    app.appName() + " " + appMib + (app.memoryLimitBytes().isEmpty() ? " (no limit)" : ""));
            memoryMib += appMib;
        }
        memoryTerms.add("system " + SYSTEM_MEMORY_MIB);

        String cpuReason = cpuReason(apps, hostCpuCount);
        int vcpuCount = vcpuCount(apps, hostCpuCount);
        String explanation = "memory " + memoryMib + " MiB = " + String.join(" + ", memoryTerms) + "; vCPUs "
                + vcpuCount + " = " + cpuReason;
        return new VmSize(memoryMib, vcpuCount, apps, hostCpuCount, explanation);
    }

    private static long memoryMib(AppResources app) {
        if (app.memoryLimitBytes().isEmpty()) {
            return DEFAULT_APP_MEMORY_MIB;
        }
        return ceilDiv(app.memoryLimitBytes().getAsLong(), MIB);
    }

    private static int vcpuCount(List<AppResources> apps, int hostCpuCount) {
        int cap = Math.min(hostCpuCount, KERNEL_NR_CPUS);
        if (apps.stream().anyMatch(app -> app.cpuLimitMillis().isEmpty())) {
            return cap;
        }
        return (int) Math.min(limitCores(apps), cap);
    }

    private static long limitCores(List<AppResources> apps) {
        return apps.stream()
                .mapToLong(app -> ceilDiv(app.cpuLimitMillis().getAsLong(), MILLIS_PER_CORE))
                .sum();
    }

    private static String cpuReason(List<AppResources> apps, int hostCpuCount) {
        String cap = "host " + hostCpuCount + ", NR_CPUS " + KERNEL_NR_CPUS;
        for (AppResources app : apps) {
            if (app.cpuLimitMillis().isEmpty()) {
                return "min(" + cap + ") because " + app.appName() + " has no CPU limit";
            }
        }
        return "min(limits " + limitCores(apps) + ", " + cap + ")";
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
