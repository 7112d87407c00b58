package dev.stage1kvm.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stage1kvm.aci.AciContents;
import dev.stage1kvm.aci.AciReader;
import dev.stage1kvm.aci.Compression;
import dev.stage1kvm.aci.ImageManifest;
import dev.stage1kvm.aci.ManifestJson;
import dev.stage1kvm.aci.Stage1Annotations;
import dev.stage1kvm.deb.DebCache;
import dev.stage1kvm.deb.DebianSources;
import dev.stage1kvm.deb.LockFile;
import dev.stage1kvm.hypervisor.Hypervisor;
import dev.stage1kvm.kernel.KernelBzImageTest;
import dev.stage1kvm.progress.RecordingListener;
import dev.stage1kvm.rootfs.Stage1Assets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds a QEMU stage1 image from bookworm's real packages through the recipe and runs the image's own QEMU and
 * systemd on the host through the image's own loader. Tagged {@code network}: the first build resolves against
 * Debian's mirror (the cache is {@code -Dstage1kvm.cacheDir} or the user's default cache);
 * {@code -DexcludedGroups=network} leaves it out on a machine without the mirror.
 */
@Tag("network")
class DebianUserlandNetworkTest {

    private static final Instant MTIME = Instant.parse("2024-01-01T00:00:00Z");
    private static final String SYSTEMD_LIBRARY_DIR = "/usr/lib/x86_64-linux-gnu/systemd";

    @TempDir
    Path dir;

    private final RecordingListener listener = new RecordingListener();

    @Test
    void buildsAQemuImageWhoseQemuAndSystemdRunAndRebuildsItToTheSameId() throws Exception {
        Path lockFile = dir.resolve(LockFile.FILE_NAME);
        Path kernel = Files.write(dir.resolve("bzImage"), KernelBzImageTest.bzImage(new byte[4096], 0));

        long start = System.nanoTime();
        Stage1Builder.Stage1Image first = build(lockFile, kernel, dir.resolve("out1"));
        long firstMs = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        Stage1Builder.Stage1Image second = build(lockFile, kernel, dir.resolve("out2"));
        long secondMs = (System.nanoTime() - start) / 1_000_000;

        Path root = dir.resolve("extracted");
        AciContents contents = new AciReader().extract(first.path(), root);
        ImageManifest manifest =
                ManifestJson.read(contents.manifestJson(), first.path().toString());
        String loader = manifest.annotation(Stage1Annotations.LOADER_PATH).orElseThrow();
        String libraryPath = manifest.annotation(Stage1Annotations.LIBRARY_PATH).orElseThrow();
        Path rootfs = root.resolve("rootfs");
        String qemu = run(rootfs, loader, List.of(libraryPath), "/qemu");
        String systemd = run(rootfs, loader, List.of(libraryPath, SYSTEMD_LIBRARY_DIR), "/usr/lib/systemd/systemd");
        System.out.printf(
                "qemu image from Debian: first build %d ms (no lock file), second %d ms (lock file);"
                        + " %d bytes gzip, %d entries, %d packages pinned, %s%n",
                firstMs,
                secondMs,
                first.sizeBytes(),
                contents.entries().size(),
                LockFile.read(lockFile).size(),
                first.imageId());

        listener.lines.stream()
                .filter(line -> line.startsWith("INFO")
                        || line.matches(
                                "DEBUG (Unpacked|Merged|ELF closure|.* kept|" + "Common userland|QEMU overlay).*"))
                .forEach(System.out::println);
        assertThat(listener.lines).noneMatch(line -> line.startsWith("WARN"));
        assertThat(listener.lines).anyMatch(line -> line.matches("INFO Following .*: \\d+ packages pinned .*"));
        assertThat(qemu).contains("QEMU emulator version 7.2");
        assertThat(systemd).startsWith("systemd 252");
        assertThat(second.imageId()).isEqualTo(first.imageId());
        assertThat(manifest.annotation(Stage1Annotations.MODULE_DIR)).isPresent();
        assertThat(rootfs.resolve("usr/lib/systemd/system-generators")).doesNotExist();
    }

    private Stage1Builder.Stage1Image build(Path lockFile, Path kernel, Path out) throws IOException {
        Files.createDirectories(out);
        String cacheDir = System.getProperty("stage1kvm.cacheDir");
        DebCache cache = new DebCache(cacheDir == null ? DebCache.defaultRoot() : Path.of(cacheDir));
        DebianInputs debian = new DebianInputs(
                new DebianInputs.Settings(DebianSourceSettings.defaults(), cache, lockFile, false, false),
                DebianInputs.userlandPackages(
                        Stage1Assets.fromClasspath(), DebianSources.bookworm().architecture()),
                listener);
        DebianUserland userland =
                new DebianUserland(debian, dir.resolve("work"), Stage1Assets.fromClasspath(), listener);
        Stage1Spec spec = new Stage1Spec(
                Stage1Spec.DEFAULT_NAME,
                "1.0",
                "amd64",
                List.of(Hypervisor.QEMU),
                Compression.GZIP,
                out,
                out.resolve("stage1-kvm"),
                MTIME,
                List.of(userland.common()),
                Map.of(
                        Hypervisor.QEMU,
                        List.of(userland.overlay(Hypervisor.QEMU).orElseThrow())),
                new PrebuiltKernelInput(kernel, "<kernel>", true),
                Optional.empty());
        return new Stage1Builder(listener).build(spec).get(0);
    }

    /** Runs a program of the extracted image through the image's loader with the image's libraries only. */
    private static String run(Path rootfs, String loader, List<String> libraryFolders, String program)
            throws IOException, InterruptedException {
        List<String> folders = new ArrayList<>();
        libraryFolders.forEach(folder -> folders.add(rootfs + folder));
        Process process = new ProcessBuilder(
                        rootfs + loader, "--library-path", String.join(":", folders), rootfs + program, "--version")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(program + " said: " + output).isZero();
        return output;
    }
}
