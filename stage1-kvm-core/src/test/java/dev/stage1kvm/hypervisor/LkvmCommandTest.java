package dev.stage1kvm.hypervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LkvmCommandTest {

    private final LkvmCommand lkvm = new LkvmCommand(Path.of("/img/rootfs/lkvm"));

    @Test
    void typicalPodUnderKvm() {
        HypervisorCommand command = lkvm.build(VmConfigs.with(Accel.KVM, OptionalLong.empty()));

        assertThat(command.argv()).containsExactlyElementsOf(VmConfigs.argvOf("""
                        /img/rootfs/lkvm
                        run
                        --name stage1-kvm-pod1
                        --cpus 2
                        --mem 384
                        --console virtio
                        --rng
                        --network mode=none
                        --kernel /img/rootfs/kernel_image
                        --9p /img/rootfs,root
                        --9p /run/pods/pod1,pod
                        --params console=hvc0 root=root rootfstype=9p \
                        rootflags=trans=virtio,version=9p2000.L,cache=loose,msize=262144 ro init=/init panic=-1 \
                        quiet systemd.show_status=false systemd.log_level=err
                        """));
        assertThat(command.environment()).isEmpty();
    }

    @Test
    void refusesTcg() {
        assertThatThrownBy(() -> lkvm.build(VmConfigs.typical()))
                .hasMessageContaining("lkvm runs guests only under KVM")
                .hasMessageContaining("use the QEMU stage1 image");
    }

    @Test
    void refusesSharePathsWithCommas() {
        VmConfig config = kvm(VmConfigs.with(VmConfigs.BOOT, Path.of("/pods/a,b"), false, List.of()));

        assertThatThrownBy(() -> lkvm.build(config)).hasMessageContaining("'/pods/a,b'");
    }

    @Test
    void initrdAndDebug() {
        BootFiles boot = new BootFiles(Path.of("/k"), Optional.of(Path.of("/i")), "/init");

        List<String> argv = lkvm.build(kvm(VmConfigs.with(boot, Path.of("/p"), true, List.of("x=1"))))
                .argv();

        assertThat(argv).containsSequence("--kernel", "/k", "--initrd", "/i", "--9p");
        assertThat(argv.get(argv.size() - 1))
                .endsWith("panic=-1 debug systemd.show_status=true systemd.log_level=debug x=1");
    }

    private static VmConfig kvm(VmConfig c) {
        return new VmConfig(
                c.vmName(),
                c.boot(),
                c.rootShareOnHost(),
                c.podShareOnHost(),
                c.memoryMib(),
                c.vcpuCount(),
                Accel.KVM,
                c.hostTscKhz(),
                c.debug(),
                c.extraKernelParams());
    }
}
