import dev.stage1kvm.build.DebianKernelInput;
import dev.stage1kvm.build.DebianInputs;
import dev.stage1kvm.deb.DebCache;
import dev.stage1kvm.deb.DebianSources;
import dev.stage1kvm.hypervisor.Accel;
import dev.stage1kvm.hypervisor.BootFiles;
import dev.stage1kvm.hypervisor.HostTsc;
import dev.stage1kvm.hypervisor.HypervisorCommand;
import dev.stage1kvm.hypervisor.QemuCommand;
import dev.stage1kvm.hypervisor.QemuInstall;
import dev.stage1kvm.hypervisor.VmConfig;
import dev.stage1kvm.kernel.Initramfs;
import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.Stage1Assets;
import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import dev.stage1kvm.source.BuildCache;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Boot times of Debian's generic kernel with the initramfs DebianKernelInput builds, under TCG on the host's QEMU with
 * the launcher's argv (virtio console, virtio-rng, read-only 9p root). Run with bench/debian-kernel-boot.sh.
 */
public class DebianKernelBootBench {
    private static final String MARKER = "bench-marker";

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(System.getenv().getOrDefault("RUNS", "5"));
        Initramfs.Compression compression =
                Initramfs.Compression.valueOf(System.getenv().getOrDefault("COMPRESSION", "gzip").toUpperCase());
        Path work = Files.createTempDirectory("debian-kernel-boot");
        BuildListener listener = new BuildListener() {
            public void info(String m) { System.out.println("[info] " + m); }
            public void debug(String m) {}
            public void warn(String m) { System.out.println("[warn] " + m); }
        };
        Path lockFile = Path.of("target/debian-kernel-bench.lock").toAbsolutePath();
        DebianInputs debian = new DebianInputs(new DebianInputs.Settings(
                DebianSources.bookworm(), new DebCache(DebCache.defaultRoot()), lockFile, false, false),
                DebianInputs.userlandPackages(Stage1Assets.fromClasspath(), DebianSources.bookworm().architecture()), listener);
        DebianKernelInput input = new DebianKernelInput(debian, new BuildCache(BuildCache.defaultRoot()),
                Stage1Assets.fromClasspath(), compression, listener, "bench");
        StagedTree tree = new StagedTree();
        long start = System.nanoTime();
        input.addTo(tree);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("input added in %.1f s: kernel %s%n", seconds, input.release().get());
        Path kernel = Files.write(work.resolve("kernel"), bytes(tree, "kernel_image"));
        Path initrd = Files.write(work.resolve("initrd.img"), bytes(tree, "initrd.img"));
        System.out.printf(
                "kernel %d bytes, initrd %d bytes (%s)%n", Files.size(kernel), Files.size(initrd), compression);
        Path root = root(work.resolve("root"), Path.of("/bin/busybox"));
        QemuInstall install = install(work);
        OptionalLong tsc = HostTsc.detect(Path.of("/"));
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            for (String machine : List.of("q35", "microvm")) {
                OptionalLong khz = machine.equals("q35") ? OptionalLong.empty() : tsc;
                record("debian " + machine, boot(install, kernel, Optional.of(initrd), root, work, khz), times);
                if (args.length > 0) {
                    record("own " + machine, boot(install, Path.of(args[0]), Optional.empty(), root, work, khz), times);
                }
            }
        }
        times.forEach((name, list) -> System.out.printf("%-16s %s%n", name, summary(list)));
    }

    private static void record(String name, double seconds, Map<String, List<Double>> times) {
        System.out.printf("%-16s marker at %.2f s (load %s)%n", name, seconds, load());
        times.computeIfAbsent(name, n -> new ArrayList<>()).add(seconds);
    }

    private static double boot(QemuInstall install, Path kernel, Optional<Path> initrd, Path root, Path work,
            OptionalLong tsc) throws Exception {
        VmConfig config = new VmConfig("bench", new BootFiles(kernel, initrd, "/sbin/init"), root,
                Files.createDirectories(work.resolve("pod")), 512, 1, Accel.TCG, tsc, false, List.of());
        HypervisorCommand command = new QemuCommand(install).build(config);
        ProcessBuilder builder = new ProcessBuilder(command.argv()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(command.environment());
        long start = System.nanoTime();
        Process process = builder.start();
        double marker = -1;
        InputStreamReader console = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8);
        try (BufferedReader lines = new BufferedReader(console)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (marker < 0 && line.contains(MARKER)) {
                    marker = (System.nanoTime() - start) / 1e9;
                }
            }
        }
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return marker;
    }

    private static Path root(Path root, Path busybox) throws Exception {
        Files.createDirectories(root.resolve("sbin"));
        for (String folder : List.of("bin", "dev", "proc", "sys")) {
            Files.createDirectories(root.resolve(folder));
        }
        Files.copy(busybox, root.resolve("bin/busybox"));
        Path init = Files.writeString(root.resolve("sbin/init"),
                "#!/bin/busybox sh\necho " + MARKER + "\n/bin/busybox poweroff -f\n");
        init.toFile().setExecutable(true);
        return root;
    }

    private static QemuInstall install(Path work) throws Exception {
        Path firmware = Files.createDirectories(work.resolve("fw"));
        for (String file : List.of("/usr/share/qemu/bios-microvm.bin", "/usr/share/qemu/linuxboot_dma.bin",
                "/usr/share/qemu/kvmvapic.bin", "/usr/share/seabios/bios-256k.bin")) {
            Files.createSymbolicLink(firmware.resolve(Path.of(file).getFileName()), Path.of(file));
        }
        return new QemuInstall(Path.of("/lib64/ld-linux-x86-64.so.2"),
                List.of(Path.of("/lib/x86_64-linux-gnu"), Path.of("/usr/lib/x86_64-linux-gnu")),
                Path.of("/usr/bin/qemu-system-x86_64"), Path.of("/usr/lib/x86_64-linux-gnu/qemu"), firmware);
    }

    private static String summary(List<Double> seconds) {
        List<Double> sorted = seconds.stream().sorted().toList();
        return String.format("min %.2f s, median %.2f s, max %.2f s over %d runs",
                sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.size());
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    private static byte[] bytes(StagedTree tree, String path) throws Exception {
        StagedEntry.RegularFile file = (StagedEntry.RegularFile) tree.get(path);
        return Files.readAllBytes(((StagedEntry.HostFile) file.content()).pathOnHost());
    }
}
