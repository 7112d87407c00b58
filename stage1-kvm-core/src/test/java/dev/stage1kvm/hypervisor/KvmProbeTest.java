package dev.stage1kvm.hypervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KvmProbeTest {

    private static final QemuInstall INSTALL = new QemuInstall(
            Path.of("/i/ld.so"), List.of(Path.of("/i/lib")), Path.of("/i/qemu"), Path.of("/i/mod"), Path.of("/i/fw"));

    @TempDir
    Path host;

    private final List<List<String>> runs = new ArrayList<>();

    @Test
    void noDeviceMeansTcgWithoutRunningAGuest() {
        ProbeResult result = probe(exitCode(ProbeFirmware.EXPECTED_EXIT_CODE)).probe();

        assertThat(result.accel()).isEqualTo(Accel.TCG);
        assertThat(result.reason()).startsWith("KVM is not usable (there is no /dev/kvm); using TCG");
        assertThat(runs).isEmpty();
    }

    @Test
    void softwareBackendMeansTcgWithoutRunningAGuest() throws IOException {
        hostWith("kvm", "kvm_pvm");

        ProbeResult result = probe(exitCode(ProbeFirmware.EXPECTED_EXIT_CODE)).probe();

        assertThat(result.accel()).isEqualTo(Accel.TCG);
        assertThat(result.reason()).contains("/dev/kvm is served by kvm_pvm, not by kvm_intel or kvm_amd");
        assertThat(runs).isEmpty();
    }

    @Test
    void hardwareBackendAndAFinishedGuestMeanKvm() throws IOException {
        hostWith("kvm", "kvm_amd");

        ProbeResult result = probe(exitCode(ProbeFirmware.EXPECTED_EXIT_CODE)).probe();

        assertThat(result.accel()).isEqualTo(Accel.KVM);
        assertThat(result.reason()).isEqualTo("KVM works (a test guest ran under it)");
        assertThat(runs)
                .singleElement()
                .satisfies(argv -> assertThat(argv)
                        .containsSequence("-machine", "microvm", "-accel", "kvm", "-cpu", "host")
                        .containsSequence("-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"));
    }

    @Test
    void guestThatAbortsMeansTcgWithQemusFirstErrorLine() throws IOException {
        hostWith("kvm", "kvm_intel");
        GuestRunner aborts = (argv, env, timeout) -> {
            runs.add(argv);
            return new GuestRunner.Outcome(OptionalInt.of(134), "error: failed to set MSR 0x10a to 0x69");
        };

        ProbeResult result = probe(aborts).probe();

        assertThat(result.accel()).isEqualTo(Accel.TCG);
        assertThat(result.reason())
                .contains("a test guest under KVM ended with exit code 134: error: failed to set MSR 0x10a to 0x69");
    }

    @Test
    void guestThatHangsMeansTcg() throws IOException {
        hostWith("kvm", "kvm_intel");
        GuestRunner hangs = (argv, env, timeout) -> new GuestRunner.Outcome(OptionalInt.empty(), "");

        ProbeResult result = probe(hangs).probe();

        assertThat(result.accel()).isEqualTo(Accel.TCG);
        assertThat(result.reason()).contains("a test guest under KVM did not finish within 3000 ms");
    }

    @Test
    void withoutQemuOnlyTheHostIsChecked() throws IOException {
        hostWith("kvm", "kvm_intel");

        ProbeResult result = new KvmProbe(host, Optional.empty(), exitCode(0)).probe();

        assertThat(result.accel()).isEqualTo(Accel.KVM);
        assertThat(result.reason()).contains("no test guest run");
        assertThat(runs).isEmpty();
    }

    @Test
    void firmwareJumpsFromTheResetVectorToItsFirstByte() {
        byte[] image = ProbeFirmware.image();

        assertThat(image).hasSize(65536);
        // jmp near rel16 at 0xFFF0: the next instruction is at 0xFFF3, and 0xFFF3 + 0x000D wraps to 0x0000
        assertThat(slice(image, 0xFFF0, 3)).containsExactly(0xE9, 0x0D, 0x00);
        // mov ecx, 10000000 (0x00989680, little-endian)
        assertThat(slice(image, 0, 6)).containsExactly(0x66, 0xB9, 0x80, 0x96, 0x98, 0x00);
        // mov al, 42; out 0xf4, al
        assertThat(slice(image, 0x0A, 4)).containsExactly(0xB0, 42, 0xE6, 0xF4);
        assertThat(ProbeFirmware.EXPECTED_EXIT_CODE).isEqualTo(85);
    }

    private void hostWith(String... modules) throws IOException {
        Files.createDirectories(host.resolve("dev"));
        Files.createFile(host.resolve("dev/kvm"));
        for (String module : modules) {
            Files.createDirectories(host.resolve("sys/module").resolve(module));
        }
    }

    private KvmProbe probe(GuestRunner runner) {
        return new KvmProbe(host, Optional.of(INSTALL), runner);
    }

    private GuestRunner exitCode(int code) {
        return (argv, env, timeout) -> {
            runs.add(argv);
            assertThat(timeout).isEqualTo(Duration.ofSeconds(3));
            return new GuestRunner.Outcome(OptionalInt.of(code), "");
        };
    }

    private static int[] slice(byte[] image, int offset, int length) {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = image[offset + i] & 0xFF;
        }
        return out;
    }
}
