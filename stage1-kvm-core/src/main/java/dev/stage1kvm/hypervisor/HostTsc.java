package dev.stage1kvm.hypervisor;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the host's TSC rate, which a TCG guest on microvm needs as {@code tsc_early_khz=} (under TCG the guest's TSC
 * ticks at the host's rate). An unknown rate is not an error: the VM then runs on q35 (see {@link QemuMachine}).
 */
public final class HostTsc {

    // x86 prints cpu_khz here (arch/x86/kernel/cpu/proc.c), the rate the kernel calibrated its TSC with at boot
    private static final Pattern CPUINFO_MHZ = Pattern.compile("(?m)^cpu MHz\\s*:\\s*(\\d+\\.\\d+)$");
    private static final Pattern CPUINFO_FLAGS = Pattern.compile("(?m)^flags\\s*:(.*)$");

    private HostTsc() {}

    /**
     * The TSC rate from {@code /proc/cpuinfo}, when it can be trusted: the TSC ticks at a constant rate
     * ({@code constant_tsc}) and no cpufreq driver is loaded (with one, "cpu MHz" is the core's current clock).
     *
     * @param hostRoot {@code /} on a real host
     */
    public static OptionalLong detect(Path hostRoot) {
        if (Files.isDirectory(hostRoot.resolve("sys/devices/system/cpu/cpu0/cpufreq"))) {
            return OptionalLong.empty();
        }
        try {
            return fromCpuinfo(Files.readString(hostRoot.resolve("proc/cpuinfo"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The first CPU's "cpu MHz" in kHz, if its flags include {@code constant_tsc}. */
    static OptionalLong fromCpuinfo(String cpuinfo) {
        Matcher flags = CPUINFO_FLAGS.matcher(cpuinfo);
        Matcher mhz = CPUINFO_MHZ.matcher(cpuinfo);
        if (!flags.find() || !(" " + flags.group(1) + " ").contains(" constant_tsc ") || !mhz.find()) {
            return OptionalLong.empty();
        }
        long khz = new BigDecimal(mhz.group(1)).movePointRight(3).longValue();
        return khz > 0 ? OptionalLong.of(khz) : OptionalLong.empty();
    }
}
