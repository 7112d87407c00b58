package dev.stage1kvm.hypervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class QemuCommandTest {

    private static final QemuInstall INSTALL = new QemuInstall(
            Path.of("/img/rootfs/lib64/ld-linux-x86-64.so.2"),
            List.of(Path.of("/img/rootfs/usr/lib/x86_64-linux-gnu"), Path.of("/img/rootfs/usr/lib")),
            Path.of("/img/rootfs/qemu"),
            Path.of("/img/rootfs/usr/lib/x86_64-linux-gnu/qemu"),
            Path.of("/img/rootfs/usr/share/qemu"));

    private final QemuCommand qemu = new QemuCommand(INSTALL);

    @Test
    void typicalPodUnderTcgOnMicrovm() {
        HypervisorCommand command = qemu.build(VmConfigs.typical());

        assertThat(command.argv()).containsExactlyElementsOf(VmConfigs.argvOf("""
                        /img/rootfs/lib64/ld-linux-x86-64.so.2
                        --library-path /img/rootfs/usr/lib/x86_64-linux-gnu:/img/rootfs/usr/lib
                        /img/rootfs/qemu
                        -L /img/rootfs/usr/share/qemu
                        -name stage1-kvm-pod1
                        -machine microvm
                        -accel tcg
                        -cpu max
                        -smp 2
                        -m 384M
                        -nodefaults
                        -no-user-config
                        -nographic
                        -no-reboot
                        -kernel /img/rootfs/kernel_image
                        -append console=hvc0 root=root rootfstype=9p \
                        rootflags=trans=virtio,version=9p2000.L,cache=loose,msize=262144 ro init=/init panic=-1 \
                        tsc_early_khz=2445406 quiet systemd.show_status=false systemd.log_level=err
                        -chardev stdio,id=console,mux=on,signal=off
                        -device virtio-serial-device,max_ports=1
                        -device virtconsole,chardev=console
                        -device virtio-rng-device
                        -fsdev local,id=root,path=/img/rootfs,security_model=none,readonly=on
                        -device virtio-9p-device,fsdev=root,mount_tag=root
                        -fsdev local,id=pod,path=/run/pods/pod1,security_model=none
                        -device virtio-9p-device,fsdev=pod,mount_tag=pod
                        -device isa-debug-exit,iobase=0xf4,iosize=0x04
                        """));
        assertThat(command.environment())
                .isEqualTo(Map.of("QEMU_MODULE_DIR", "/img/rootfs/usr/lib/x86_64-linux-gnu/qemu"));
    }

    @Test
    void tcgWithoutTscRateFallsBackToQ35WithPciDevices() {
        List<String> argv =
                qemu.build(VmConfigs.with(Accel.TCG, OptionalLong.empty())).argv();

        assertThat(argv).containsSequence("-machine", "q35");
        assertThat(argv)
                .containsSequence("-device", "virtio-serial-pci,max_ports=1")
                .containsSequence("-device", "virtio-rng-pci")
                .containsSequence("-device", "virtio-9p-pci,fsdev=root,mount_tag=root")
                .containsSequence("-device", "virtio-9p-pci,fsdev=pod,mount_tag=pod")
                .containsSequence("-device", "isa-debug-exit,iobase=0xf4,iosize=0x04");
        assertThat(argv).noneMatch(arg -> arg.contains("-device,") || arg.contains("tsc_early_khz"));
    }

    @Test
    void kvmUsesMicrovmWithoutTscRate() {
        List<String> argv =
                qemu.build(VmConfigs.with(Accel.KVM, OptionalLong.empty())).argv();

        assertThat(argv).containsSequence("-machine", "microvm").containsSequence("-accel", "kvm", "-cpu", "host");
        assertThat(appendOf(argv)).doesNotContain("tsc_early_khz");
    }

    @Test
    void debugSwapsTheQuietSetAndExtraParamsComeLast() {
        VmConfig config = VmConfigs.with(VmConfigs.BOOT, Path.of("/p"), true, List.of("systemd.unit=rescue.target"));

        String append = appendOf(qemu.build(config).argv());

        assertThat(append)
                .endsWith("tsc_early_khz=2445406 debug systemd.show_status=true systemd.log_level=debug"
                        + " systemd.unit=rescue.target")
                .doesNotContain("quiet");
    }

    @Test
    void initrdFollowsTheKernel() {
        BootFiles boot = new BootFiles(Path.of("/k"), Optional.of(Path.of("/img/initrd.img")), "/init");

        List<String> argv = qemu.build(VmConfigs.with(boot, Path.of("/p"), false, List.of()))
                .argv();

        assertThat(argv).containsSequence("-kernel", "/k", "-initrd", "/img/initrd.img", "-append");
    }

    @Test
    void commasInSharePathsAreDoubled() {
        VmConfig config = VmConfigs.with(VmConfigs.BOOT, Path.of("/pods/a,b"), false, List.of());

        assertThat(qemu.build(config).argv()).contains("local,id=pod,path=/pods/a,,b,security_model=none");
    }

    @Test
    void debugStringQuotesArgumentsWithSpaces() {
        String line = qemu.build(VmConfigs.typical()).toDebugString();

        assertThat(line)
                .startsWith("QEMU_MODULE_DIR=/img/rootfs/usr/lib/x86_64-linux-gnu/qemu /img/rootfs/lib64/ld-linux")
                .contains(" -append 'console=hvc0 root=root ")
                .endsWith(" -device isa-debug-exit,iobase=0xf4,iosize=0x04");
    }

    private static String appendOf(List<String> argv) {
        return argv.get(argv.indexOf("-append") + 1);
    }
}
