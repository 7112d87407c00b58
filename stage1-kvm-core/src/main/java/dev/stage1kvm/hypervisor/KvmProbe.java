package dev.stage1kvm.hypervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether KVM really works on this host. A {@code /dev/kvm} that exists is not enough: some hosts serve it
 * from a backend without hardware virtualization (the out-of-tree {@code kvm_pvm}), where QEMU aborts with "failed to
 * set MSR 0x10a" or crawls through every instruction. The probe checks the device and the kernel module behind it,
 * then boots a tiny guest ({@link ProbeFirmware}) under KVM with a short timeout.
 */
public final class KvmProbe {

    /** Long enough for QEMU to start on a busy host; a working KVM finishes the probe guest in well under a second. */
    public static final Duration GUEST_TIMEOUT = Duration.ofSeconds(3);

    /** Kernel modules that back /dev/kvm with hardware virtualization (built in, they still show in /sys/module). */
    static final List<String> HARDWARE_MODULES = List.of("kvm_intel", "kvm_amd");

    private final Path hostRoot;
    private final Optional<QemuInstall> qemu;
    private final GuestRunner runner;

    /**
     * @param hostRoot {@code /} on a real host; a test folder in tests
     * @param qemu the QEMU to boot the probe guest with; without one only the host is checked
     */
    public KvmProbe(Path hostRoot, Optional<QemuInstall> qemu, GuestRunner runner) {
        this.hostRoot = hostRoot;
        this.qemu = qemu;
        this.runner = runner;
    }

    /** Checks the host and, when it looks right and a QEMU is at hand, runs the probe guest under KVM. */
    public ProbeResult probe() {
        long startNanos = System.nanoTime();
        Optional<String> problem = hostProblem();
        if (problem.isEmpty() && qemu.isPresent()) {
            problem = runProbeGuest(Accel.KVM, GUEST_TIMEOUT).map(p -> "a test guest under KVM " + p);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        if (problem.isPresent()) {
            return new ProbeResult(
                    Accel.TCG,
                    "KVM is not usable (" + problem.get() + "); using TCG, which is"
                            + " much slower. Pass --accel tcg to skip this check.",
                    elapsed);
        }
        String how = qemu.isPresent() ? "a test guest ran under it" : "hardware module loaded, no test guest run";
        return new ProbeResult(Accel.KVM, "KVM works (" + how + ")", elapsed);
    }

    /** What is wrong with the host's /dev/kvm, if anything. */
    Optional<String> hostProblem() {
        Path device = hostRoot.resolve("dev/kvm");
        if (!Files.exists(device)) {
            return Optional.of("there is no /dev/kvm");
        }
        if (!Files.isReadable(device) || !Files.isWritable(device)) {
            return Optional.of("/dev/kvm is not readable and writable by this user; add the user to the kvm group");
        }
        Path modules = hostRoot.resolve("sys/module");
        if (HARDWARE_MODULES.stream().noneMatch(name -> Files.isDirectory(modules.resolve(name)))) {
            String backend = Files.isDirectory(modules.resolve("kvm_pvm")) ? "kvm_pvm" : "an unknown module";
            return Optional.of("/dev/kvm is served by " + backend + ", not by kvm_intel or kvm_amd, so there is no"
                    + " hardware virtualization");
        }
        return Optional.empty();
    }

    /**
     * Boots the probe guest under {@code accel} on QEMU's microvm.
     *
     * @return what went wrong, or empty when the guest ran to its end
     */
    public Optional<String> runProbeGuest(Accel accel, Duration timeout) {
        QemuInstall install = qemu.orElseThrow(() -> new IllegalStateException("no QEMU to run the probe guest"));
        try {
            Path firmware = Files.createTempFile("stage1-kvm-probe", ".bin");
            // a signal ends the JVM without running the finally below; the JVM still removes this on its way out
            firmware.toFile().deleteOnExit();
            try {
                Files.write(firmware, ProbeFirmware.image());
                GuestRunner.Outcome outcome = runner.run(argv(install, accel, firmware), environment(install), timeout);
                return judge(outcome, timeout);
            } finally {
                Files.deleteIfExists(firmware);
            }
        } catch (IOException e) {
            return Optional.of("could not be started: " + e.getMessage());
        }
    }

    static Optional<String> judge(GuestRunner.Outcome outcome, Duration timeout) {
        if (outcome.exitCode().isEmpty()) {
            return Optional.of("did not finish within " + timeout.toMillis() + " ms");
        }
        int exitCode = outcome.exitCode().getAsInt();
        if (exitCode == ProbeFirmware.EXPECTED_EXIT_CODE) {
            return Optional.empty();
        }
        String detail = outcome.firstErrorLine().isEmpty() ? "" : ": " + outcome.firstErrorLine();
        return Optional.of("ended with exit code " + exitCode + detail);
    }

    static List<String> argv(QemuInstall install, Accel accel, Path firmware) {
        Argv argv = new Argv();
        QemuCommand.launcher(argv, install);
        argv.add("-machine", QemuMachine.MICROVM.qemuName());
        argv.add("-accel", accel.qemuName());
        // the CPU model pods get: on some software KVM backends -cpu host is what aborts
        argv.add("-cpu", QemuCommand.cpuModel(accel));
        argv.add("-m", "16M");
        argv.add("-nodefaults");
        argv.add("-no-user-config");
        argv.add("-nographic");
        argv.add("-no-reboot");
        // the probe guest is this firmware alone: no kernel, no devices but the exit port
        argv.add("-bios", firmware.toString());
        argv.add(
                "-device",
                "isa-debug-exit,iobase=0x" + Integer.toHexString(QemuCommand.DEBUG_EXIT_PORT) + ",iosize=0x04");
        return argv.toList();
    }

    private static Map<String, String> environment(QemuInstall install) {
        return Map.of("QEMU_MODULE_DIR", install.moduleDir().toString());
    }
}
