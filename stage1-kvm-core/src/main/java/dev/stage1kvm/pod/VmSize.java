package dev.stage1kvm.pod;

import java.util.List;

/**
 * The memory and vCPUs a pod's VM gets, with what they were computed from.
 *
 * @param memoryMib guest memory in MiB (2^20 bytes)
 * @param vcpuCount number of virtual CPUs
 * @param apps the apps' limits the size was computed from
 * @param hostCpuCount the host's CPU count at the time
 * @param explanation one line saying how the numbers came about, for the debug log
 */
public record VmSize(long memoryMib, int vcpuCount, List<AppResources> apps, int hostCpuCount, String explanation) {

    public VmSize {
        apps = List.copyOf(apps);
    }
}
