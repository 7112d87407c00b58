package dev.stage1kvm.hypervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the argv this package builds on the host's own QEMU (Debian's qemu-system-x86, started through the host's
 * loader as the image's would be), with the probe firmware standing in for a kernel: QEMU must accept every flag and
 * device, and the guest's write to isa-debug-exit must end it with exit code 85. Skipped where that QEMU is absent.
 */
class HostQemuTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private QemuInstall install;

    @BeforeEach
    void hostQemu() throws IOException {
        install = HostQemuInstall.create(work);
    }

    @Test
    void probeGuestRunsToItsEndUnderTcg() {
        KvmProbe probe = new KvmProbe(Path.of("/"), Optional.of(install), new ProcessGuestRunner());

        assertThat(probe.runProbeGuest(Accel.TCG, TIMEOUT)).isEmpty();
    }

    @Test
    void podArgvOnMicrovmIsAcceptedAndDebugExitEndsIt() throws IOException {
        assertThat(runPodArgv(OptionalLong.of(2_000_000))).isEqualTo(ProbeFirmware.EXPECTED_EXIT_CODE);
    }

    @Test
    void podArgvOnQ35IsAcceptedAndDebugExitEndsIt() throws IOException {
        assertThat(runPodArgv(OptionalLong.empty())).isEqualTo(ProbeFirmware.EXPECTED_EXIT_CODE);
    }

    private int runPodArgv(OptionalLong tscKhz) throws IOException {
        Path kernel = Files.write(work.resolve("kernel"), new byte[4096]);
        Path firmware = Files.write(work.resolve("probe.bin"), ProbeFirmware.image());
        VmConfig config = new VmConfig(
                "host-check",
                new BootFiles(kernel, Optional.empty(), "/init"),
                Files.createDirectories(work.resolve("root,with comma")),
                Files.createDirectories(work.resolve("pod")),
                64,
                1,
                Accel.TCG,
                tscKhz,
                false,
                List.of());
        HypervisorCommand command = new QemuCommand(install).build(config);
        List<String> argv = new ArrayList<>(command.argv());
        // the probe firmware replaces the machine's own, so the "guest" only writes to isa-debug-exit
        argv.addAll(List.of("-bios", firmware.toString()));

        GuestRunner.Outcome outcome = new ProcessGuestRunner().run(argv, command.environment(), TIMEOUT);

        assertThat(outcome.exitCode())
                .as("QEMU said: %s", outcome.firstErrorLine())
                .isPresent();
        return outcome.exitCode().getAsInt();
    }
}
