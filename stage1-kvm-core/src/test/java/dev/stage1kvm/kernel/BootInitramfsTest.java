package dev.stage1kvm.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stage1kvm.kernel.Initramfs.Entry;
import dev.stage1kvm.kernel.Initramfs.File;
import dev.stage1kvm.kernel.Initramfs.Symlink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BootInitramfsTest {

    @Test
    void holdsBusyboxItsAppletsTheModulesInOrderAndInit() {
        byte[] busybox = {0x7f, 'E', 'L', 'F'};
        byte[] init = "#!/bin/sh\n".getBytes(StandardCharsets.US_ASCII);
        List<BootInitramfs.Module> modules = List.of(
                new BootInitramfs.Module("virtio_ring", new byte[] {1}),
                new BootInitramfs.Module("virtio", new byte[] {2}));

        Map<String, Entry> entries =
                BootInitramfs.of(busybox, List.of("sh", "insmod"), modules, init).entries().stream()
                        .collect(Collectors.toMap(Entry::path, Function.identity()));

        assertThat(entries.keySet())
                .containsExactlyInAnyOrder(
                        "bin",
                        "bin/busybox",
                        "bin/sh",
                        "bin/insmod",
                        "dev",
                        "dev/console",
                        "init",
                        "lib",
                        "lib/modules",
                        "lib/modules/virtio_ring.ko",
                        "lib/modules/virtio.ko",
                        "lib/modules/load.order",
                        "newroot",
                        "proc",
                        "sys");
        assertThat(entries.get("bin/insmod")).isEqualTo(new Symlink("bin/insmod", "busybox"));
        assertThat(((File) entries.get("init")).mode()).isEqualTo(0755);
        assertThat(((File) entries.get("bin/busybox")).content()).isEqualTo(busybox);
        assertThat(((File) entries.get("lib/modules/load.order")).content())
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("virtio_ring\nvirtio\n");
        assertThat(entries.get("dev/console")).isEqualTo(new Initramfs.CharDevice("dev/console", 0600, 5, 1));
    }
}
