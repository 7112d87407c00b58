package dev.stage1kvm.hypervisor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A typical pod VM for the argv tests, and variants of it. */
final class VmConfigs {

    static final BootFiles BOOT = new BootFiles(Path.of("/img/rootfs/kernel_image"), Optional.empty(), "/init");

    private VmConfigs() {}

    /**
     * An argv written one argument per line, or a flag and its value separated by the line's first space. Long values
     * wrap with the text block's backslash-newline escape, which joins the lines.
     */
    static List<String> argvOf(String lines) {
        List<String> argv = new ArrayList<>();
        for (String line : lines.strip().split("\n")) {
            argv.addAll(List.of(line.split(" ", 2)));
        }
        return argv;
    }

    static VmConfig typical() {
        return new VmConfig(
                "stage1-kvm-pod1",
                BOOT,
                Path.of("/img/rootfs"),
                Path.of("/run/pods/pod1"),
                384,
                2,
                Accel.TCG,
                OptionalLong.of(2445406),
                false,
                List.of());
    }

    static VmConfig with(Accel accel, OptionalLong tscKhz) {
        VmConfig t = typical();
        return new VmConfig(
                t.vmName(),
                t.boot(),
                t.rootShareOnHost(),
                t.podShareOnHost(),
                t.memoryMib(),
                t.vcpuCount(),
                accel,
                tscKhz,
                t.debug(),
                t.extraKernelParams());
    }

    static VmConfig with(BootFiles boot, Path podShare, boolean debug, List<String> extraKernelParams) {
        VmConfig t = typical();
        return new VmConfig(
                t.vmName(),
                boot,
                t.rootShareOnHost(),
                podShare,
                t.memoryMib(),
                t.vcpuCount(),
                t.accel(),
                t.hostTscKhz(),
                debug,
                extraKernelParams);
    }
}
