package dev.stage1kvm.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stage1kvm.deb.DebCache;
import dev.stage1kvm.deb.DebianSources;
import dev.stage1kvm.deb.LockFile;
import dev.stage1kvm.hypervisor.Accel;
import dev.stage1kvm.hypervisor.BootFiles;
import dev.stage1kvm.hypervisor.HostQemuInstall;
import dev.stage1kvm.hypervisor.HostTsc;
import dev.stage1kvm.hypervisor.HypervisorCommand;
import dev.stage1kvm.hypervisor.QemuCommand;
import dev.stage1kvm.hypervisor.VmConfig;
import dev.stage1kvm.progress.RecordingListener;
import dev.stage1kvm.rootfs.Stage1Assets;
import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import dev.stage1kvm.source.BuildCache;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Takes Debian bookworm's real generic kernel and busybox-static through {@link DebianKernelInput} and boots the
 * result under TCG on the host's QEMU, with the argv the launcher builds (virtio console, virtio-rng, read-only 9p
 * root): a busybox folder's {@code /sbin/init} prints a marker and powers off. Tagged {@code network}: the first run
 * resolves against Debian's mirror (the cache is {@code -Dstage1kvm.cacheDir} or the user's default cache);
 * {@code -DexcludedGroups=network} leaves it out on a machine without the mirror. Boot times are printed, not asserted
 * (bench/debian-kernel-boot.sh measures them).
 */
@Tag("network")
class DebianKernelNetworkTest {

    private static final String MARKER = "stage1-kvm-test-marker";
    /** Under TCG on 2 shared cores a boot took 10-30 s; a hung guest is killed after this. */
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(240);

    @TempDir
    static Path dir;

    private static final RecordingListener LISTENER = new RecordingListener();
    private static Path lockFile;
    private static byte[] kernel;
    private static byte[] initrd;
    private static String release;
    private static long buildMs;

    @BeforeAll
    static void build() throws IOException {
        lockFile = dir.resolve(LockFile.FILE_NAME);
        long start = System.nanoTime();
        StagedTree tree = addInput(dir.resolve("build-cache"));
        buildMs = (System.nanoTime() - start) / 1_000_000;
        kernel = bytes(tree, "kernel_image");
        initrd = bytes(tree, "initrd.img");
        Files.write(dir.resolve("kernel"), kernel);
        Files.write(dir.resolve("initrd.img"), initrd);
        System.out.printf(
                "Debian kernel %s: input added in %d ms; kernel %d bytes, initrd %d bytes%n",
                release, buildMs, kernel.length, initrd.length);
    }

    @Test
    void buildsTheKernelAndAnInitramfsOfItsModulesInLoadOrderTwiceAlike() throws IOException {
        Map<String, byte[]> files = cpio(initrd);
        List<String> order = new String(files.get("lib/modules/load.order"), StandardCharsets.UTF_8)
                .lines()
                .toList();

        assertThat(release).matches("6\\.1\\.0-\\d+-amd64");
        assertThat(files).containsKeys("init", "bin/busybox", "bin/switch_root", "dev/console");
        assertThat(order)
                .containsExactlyInAnyOrder(
                        "9pnet",
                        "netfs",
                        "fscache",
                        "9p",
                        "virtio_ring",
                        "virtio",
                        "9pnet_virtio",
                        "virtio_pci_modern_dev",
                        "virtio_pci_legacy_dev",
                        "virtio_pci",
                        "virtio_mmio",
                        "virtio_console",
                        "virtio_rng");
        assertThat(order.indexOf("virtio_ring")).isLessThan(order.indexOf("virtio"));
        assertThat(order.indexOf("netfs")).isLessThan(order.indexOf("fscache"));
        assertThat(order.indexOf("fscache")).isLessThan(order.indexOf("9p"));
        order.forEach(module -> assertThat(files).containsKey("lib/modules/" + module + ".ko"));
        assertThat(LockFile.read(lockFile))
                .extracting(LockFile.Entry::name)
                .contains("linux-image-amd64", "linux-image-" + release, "busybox-static");
        assertThat(LISTENER.lines)
                .anyMatch(line -> line.matches("INFO Reading the kernel and modules of linux-image-" + release));

        Path otherCache = dir.resolve("other-build-cache");
        StagedTree again = addInput(otherCache);
        StagedTree cached = addInput(otherCache);

        assertThat(bytes(again, "initrd.img"))
                .as("a second build from the lock file")
                .isEqualTo(initrd);
        assertThat(bytes(again, "kernel_image")).isEqualTo(kernel);
        assertThat(bytes(cached, "initrd.img")).isEqualTo(initrd);
        assertThat(LISTENER.lines)
                .filteredOn(line -> line.startsWith("INFO Kernel and initramfs of linux-image-" + release
                        + ": taken from cache " + otherCache.resolve(DebianKernelInput.CACHE_KIND)))
                .hasSize(1);
    }

    @Test
    void bootsTheNinePRootOnQ35UnderTcg() throws Exception {
        Boot boot = boot("q35", OptionalLong.empty(), List.of());

        assertMarker(boot);
    }

    @Test
    void bootsTheNinePRootOnTheMachineTheLauncherChooses() throws Exception {
        OptionalLong tsc = HostTsc.detect(Path.of("/"));
        Boot boot = boot(tsc.isPresent() ? "microvm" : "q35 (host TSC rate unknown)", tsc, List.of());

        assertMarker(boot);
    }

    @Test
    void aRootThatCannotBeMountedIsNamedAndTheVmPowersOff() throws Exception {
        Boot boot = boot("q35, root=no-such-tag", OptionalLong.empty(), List.of("root=no-such-tag"));

        assertThat(boot.output()).contains("stage1-kvm initramfs: cannot mount root=no-such-tag (rootfstype=9p");
        assertThat(boot.output()).contains("; powering off");
        assertThat(boot.output()).doesNotContain(MARKER);
        assertThat(boot.exitCode()).as(boot.output()).isPresent();
    }

    @Test
    void modulesThatCannotBeLoadedAreNamedOnTheVirtioConsoleAndTheVmPowersOff() throws Exception {
        // the command line's netfs.PARAM=VALUE reaches insmod of netfs, which refuses a number it cannot parse; the
        // modules that need netfs fail after it, the virtio ones (the console among them) load
        Boot boot = boot("q35, netfs.debug=x", OptionalLong.empty(), List.of("netfs.debug=x"));

        assertThat(boot.output())
                .contains("stage1-kvm initramfs: cannot load kernel modules: netfs (insmod: can't insert"
                        + " '/lib/modules/netfs.ko': ")
                .contains(" fscache (insmod: can't insert '/lib/modules/fscache.ko': ")
                .contains(" 9p (insmod: can't insert '/lib/modules/9p.ko': ");
        assertThat(boot.output()).doesNotContain(MARKER);
        assertThat(boot.exitCode()).as(boot.output()).isPresent();
    }

    private static void assertMarker(Boot boot) {
        // PID 1 on the read-only 9p root, /dev moved over from the initramfs, the virtio console and the hardware RNG
        assertThat(boot.output()).as(boot.output()).contains(MARKER + " pid=1 root=9p,ro hvc0=yes hwrng=yes");
        assertThat(boot.exitCode()).as("QEMU's exit code after poweroff -f").hasValue(0);
    }

    /** The input added to a new tree, with the build cache {@code buildCache}. */
    private static StagedTree addInput(Path buildCache) throws IOException {
        String cacheDir = System.getProperty("stage1kvm.cacheDir");
        DebCache cache = new DebCache(cacheDir == null ? DebCache.defaultRoot() : Path.of(cacheDir));
        DebianInputs debian = new DebianInputs(
                new DebianInputs.Settings(DebianSources.bookworm(), cache, lockFile, false, false),
                DebianInputs.userlandPackages(
                        Stage1Assets.fromClasspath(), DebianSources.bookworm().architecture()),
                LISTENER);
        DebianKernelInput input = new DebianKernelInput(
                debian,
                new BuildCache(buildCache),
                Stage1Assets.fromClasspath(),
                DebianKernelInput.DEFAULT_COMPRESSION,
                LISTENER,
                "<kernelOrigin>debian</kernelOrigin>");
        StagedTree tree = new StagedTree();
        input.addTo(tree);
        release = input.release().orElseThrow();
        return tree;
    }

    /** What a boot printed on the console, when the marker came, and how QEMU ended. */
    private record Boot(String output, double markerSeconds, OptionalLong exitCode) {}

    private static Boot boot(String machine, OptionalLong tscKhz, List<String> extraParams) throws Exception {
        Path work = Files.createTempDirectory(dir, "boot");
        VmConfig config = new VmConfig(
                "debian-kernel-test",
                new BootFiles(dir.resolve("kernel"), java.util.Optional.of(dir.resolve("initrd.img")), "/sbin/init"),
                markerRoot(work.resolve("root")),
                Files.createDirectories(work.resolve("pod")),
                512,
                1,
                Accel.TCG,
                tscKhz,
                false,
                extraParams);
        HypervisorCommand command = new QemuCommand(HostQemuInstall.create(work)).build(config);
        Boot boot = run(command);
        System.out.printf(
                "Debian kernel boot on %s under TCG: marker at %.2f s after QEMU started, exit %s%n",
                machine, boot.markerSeconds(), boot.exitCode());
        boot.output().lines().filter(line -> line.contains("initramfs:")).forEach(System.out::println);
        return boot;
    }

    private static Boot run(HypervisorCommand command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command.argv())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true);
        builder.environment().putAll(command.environment());
        long start = System.nanoTime();
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        double[] marker = {-1};
        Thread reader = new Thread(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.contains(MARKER) && marker[0] < 0) {
                        marker[0] = (System.nanoTime() - start) / 1e9;
                    }
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                synchronized (output) {
                    output.append("(console read failed: ")
                            .append(e.getMessage())
                            .append(")\n");
                }
            }
        });
        reader.start();
        boolean ended = process.waitFor(BOOT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        synchronized (output) {
            return new Boot(
                    output.toString(), marker[0], ended ? OptionalLong.of(process.exitValue()) : OptionalLong.empty());
        }
    }

    /** A root of busybox (from the initramfs just built) whose /sbin/init says what it sees and powers off. */
    private static Path markerRoot(Path root) throws IOException {
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("sbin"));
        for (String folder : List.of("dev", "proc", "sys")) {
            Files.createDirectories(root.resolve(folder));
        }
        Path busybox = Files.write(root.resolve("bin/busybox"), cpio(initrd).get("bin/busybox"));
        busybox.toFile().setExecutable(true);
        Path init = Files.writeString(
                root.resolve("sbin/init"),
                "#!/bin/busybox sh\n"
                        + "b=/bin/busybox\n"
                        + "$b mount -t proc proc /proc\n"
                        + "has() { [ -e \"$1\" ] && echo yes || echo no; }\n"
                        // the last mount on / in /proc/mounts: its type and whether it is read-only
                        + "root=$($b awk '$2 == \"/\" { t = $3 \",\" substr($4, 1, 2) } END { print t }' /proc/mounts)\n"
                        + "echo \"" + MARKER + " pid=$$ root=$root hvc0=$(has /dev/hvc0) hwrng=$(has /dev/hwrng)\"\n"
                        + "$b poweroff -f\n");
        init.toFile().setExecutable(true);
        return root;
    }

    private static Map<String, byte[]> cpio(byte[] archive) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (CpioArchiveInputStream in =
                new CpioArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(archive)))) {
            CpioArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private static byte[] bytes(StagedTree tree, String path) throws IOException {
        StagedEntry.RegularFile file = (StagedEntry.RegularFile) tree.get(path);
        return Files.readAllBytes(((StagedEntry.HostFile) file.content()).pathOnHost());
    }
}
