package dev.stage1kvm.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.deb.TestDebs;
import dev.stage1kvm.deb.TestDebs.Entry;
import dev.stage1kvm.elf.TestModuleWriter;
import dev.stage1kvm.progress.RecordingListener;
import dev.stage1kvm.rootfs.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebianKernelPackageTest {

    private static final String RELEASE = "6.1.0-57-amd64";
    private static final String MODULES = "./lib/modules/" + RELEASE + "/";
    private static final Entry VMLINUZ = Entry.file("./boot/vmlinuz-" + RELEASE, "bzImage");
    private static final Entry BUILT_IN =
            Entry.file(MODULES + "modules.builtin", "kernel/drivers/char/hw_random/rng-core.ko\n");

    @TempDir
    Path dir;

    private final RecordingListener listener = new RecordingListener();

    @Test
    void readsTheKernelAndTheWantedModulesInLoadOrder() throws IOException {
        DebianKernelPackage kernel = read(List.of(
                VMLINUZ,
                ko("fs/9p/9p.ko", "9p", "9pnet,netfs"),
                ko("fs/netfs/netfs.ko", "netfs", ""),
                ko("drivers/block/virtio_blk.ko", "virtio_blk", "virtio"),
                ko("net/9p/9pnet.ko", "9pnet", ""),
                BUILT_IN));

        List<DebianKernelPackage.Module> modules = kernel.modules(List.of("9p", "rng-core"));

        assertThat(modules).extracting(m -> m.info().name()).containsExactly("9pnet", "netfs", "9p");
        assertThat(modules.get(2).content()).isEqualTo(module("9p", "9pnet,netfs", RELEASE));
        assertThat(kernel.vmlinuz()).asString(StandardCharsets.UTF_8).isEqualTo("bzImage");
        assertThat(kernel.modulesRelease()).isEqualTo(RELEASE);
        assertThat(listener.lines)
                .contains("INFO Kernel module rng_core is built into the kernel of linux-image-" + RELEASE
                        + ": not loaded by the initramfs")
                .noneMatch(line -> line.contains("again"));
    }

    @Test
    void aDependencyMetBeforeItsUserIsPickedUpInASecondPass() throws IOException {
        DebianKernelPackage kernel = read(List.of(
                VMLINUZ,
                ko("drivers/virtio/virtio_ring.ko", "virtio_ring", ""),
                ko("drivers/virtio/virtio.ko", "virtio", "virtio_ring"),
                ko("drivers/char/virtio_console.ko", "virtio_console", "virtio,virtio_ring")));

        List<DebianKernelPackage.Module> modules = kernel.modules(List.of("virtio_console"));

        assertThat(modules).extracting(m -> m.info().name()).containsExactly("virtio_ring", "virtio", "virtio_console");
        assertThat(modules).allSatisfy(m -> assertThat(m.content()).isNotNull());
        assertThat(listener.lines).anyMatch(line -> line.startsWith("DEBUG Reading linux-image-" + RELEASE + " again"));
    }

    @Test
    void xzCompressedModulesAreReadUncompressed() throws IOException {
        byte[] plain = module("9pnet", "", RELEASE);
        DebianKernelPackage kernel =
                read(List.of(VMLINUZ, Entry.file(MODULES + "kernel/net/9p/9pnet.ko.xz", TestDebs.xz(plain), 0644)));

        assertThat(kernel.modules(List.of("9pnet")).get(0).content()).isEqualTo(plain);
    }

    @Test
    void zstdCompressedModulesAreReadUncompressedInLoadOrder() throws IOException {
        byte[] ninePnet = module("9pnet", "", RELEASE);
        byte[] ninePee = module("9p", "9pnet,netfs", RELEASE);
        DebianKernelPackage kernel = read(List.of(
                VMLINUZ,
                Entry.file(MODULES + "kernel/fs/9p/9p.ko.zst", TestDebs.zstd(ninePee), 0644),
                ko("fs/netfs/netfs.ko", "netfs", ""),
                Entry.file(MODULES + "kernel/net/9p/9pnet.ko.zst", TestDebs.zstd(ninePnet), 0644)));

        List<DebianKernelPackage.Module> modules = kernel.modules(List.of("9p"));

        assertThat(modules).extracting(m -> m.info().name()).containsExactly("9pnet", "netfs", "9p");
        assertThat(modules.get(0).content()).isEqualTo(ninePnet);
        assertThat(modules.get(2).content()).isEqualTo(ninePee);
    }

    @Test
    void aModuleThatDoesNotDecompressNamesThePackageAndTheModule() {
        DebianKernelPackage kernel =
                package_(List.of(VMLINUZ, Entry.file(MODULES + "kernel/net/9p/9pnet.ko.zst", "not zstd")));

        assertThatThrownBy(() -> kernel.modules(List.of("9pnet")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("<kernelOrigin>debian</kernelOrigin>: Debian package linux-image-" + RELEASE)
                .hasMessageContaining("holds the module /lib/modules/" + RELEASE + "/kernel/net/9p/9pnet.ko.zst,"
                        + " which cannot be read (")
                .hasMessageEndingWith("the package is damaged: delete it to have it fetched again");
    }

    @Test
    void aMissingDependencyNamesWhoNeedsItAndThePackage() {
        DebianKernelPackage kernel =
                package_(List.of(VMLINUZ, ko("fs/9p/9p.ko", "9p", "9pnet,netfs"), ko("net/9p/9pnet.ko", "9pnet", "")));

        assertThatThrownBy(() -> kernel.modules(List.of("9p")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("linux-image-" + RELEASE + " " + RELEASE + ": kernel module 'netfs', which 9p"
                        + " depends on, is not in the kernel");
    }

    @Test
    void modulesBuiltForAnotherKernelAreRefused() {
        Entry foreign = Entry.file(MODULES + "kernel/net/9p/9pnet.ko", module("9pnet", "", "6.1.0-58-amd64"), 0644);
        DebianKernelPackage kernel = package_(List.of(VMLINUZ, foreign));

        assertThatThrownBy(() -> kernel.modules(List.of("9pnet")))
                .hasMessageContaining(
                        "holds modules built for another kernel than " + RELEASE + ": [9pnet (6.1.0-58-amd64)]");
    }

    @Test
    void aPackageWithoutAKernelIsRefused() {
        DebianKernelPackage kernel = package_(List.of(ko("net/9p/9pnet.ko", "9pnet", "")));

        assertThatThrownBy(() -> kernel.modules(List.of("9pnet")))
                .hasMessageContaining("holds no /boot/vmlinuz-*; name a kernel image package");
    }

    @Test
    void aDamagedModuleIsNamed() {
        DebianKernelPackage kernel =
                package_(List.of(VMLINUZ, Entry.file(MODULES + "kernel/net/9p/9pnet.ko", "not ELF")));

        assertThatThrownBy(() -> kernel.modules(List.of("9pnet")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(
                        "kernel module ELF: linux.deb lib/modules/" + RELEASE + "/kernel/net/9p/9pnet.ko");
    }

    private DebianKernelPackage read(List<Entry> entries) throws IOException {
        return package_(entries);
    }

    private DebianKernelPackage package_(List<Entry> entries) {
        List<Entry> all = new ArrayList<>(List.of(Entry.dir("./")));
        all.addAll(entries);
        try {
            Path deb = Files.write(dir.resolve("linux.deb"), TestDebs.deb("linux-image-" + RELEASE, "6.1.192-3", all));
            return new DebianKernelPackage(
                    deb, "linux-image-" + RELEASE, "<kernelOrigin>debian</kernelOrigin>", listener);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Entry ko(String path, String name, String depends) {
        return Entry.file(MODULES + "kernel/" + path, module(name, depends, RELEASE), 0644);
    }

    private static byte[] module(String name, String depends, String release) {
        return TestModuleWriter.module("depends=" + depends, "name=" + name, "vermagic=" + release + " SMP ")
                .bytes();
    }
}
