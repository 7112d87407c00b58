package dev.stage1kvm.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.kernel.Initramfs.CharDevice;
import dev.stage1kvm.kernel.Initramfs.Compression;
import dev.stage1kvm.kernel.Initramfs.Directory;
import dev.stage1kvm.kernel.Initramfs.Entry;
import dev.stage1kvm.kernel.Initramfs.File;
import dev.stage1kvm.kernel.Initramfs.Symlink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InitramfsTest {

    private static final long MTIME = 1_700_000_000L;
    private static final Path CPIO = Path.of("/usr/bin/cpio");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Compression.class)
    void theSameEntriesInAnyOrderGiveTheSameBytes(Compression compression) {
        List<Entry> entries = sample();
        List<Entry> shuffled = new ArrayList<>(entries);
        Collections.shuffle(shuffled, new java.util.Random(7));

        byte[] first = of(entries).toBytes(MTIME, compression);
        byte[] second = of(shuffled).toBytes(MTIME, compression);

        assertThat(second).isEqualTo(first);
        assertThat(of(entries).toBytes(MTIME + 1, compression)).isNotEqualTo(first);
    }

    @Test
    void theFirstHeaderHasNewcsFieldsInOrder() {
        byte[] bytes = of(sample()).toBytes(MTIME, Compression.NONE);

        // buffer-format.rst: magic "070701", then 13 fields of 8 hex digits, then the name padded to 4 bytes
        String header = new String(bytes, 0, 110, StandardCharsets.US_ASCII);
        assertThat(header.substring(0, 6)).isEqualTo("070701");
        List<Long> fields = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            fields.add(Long.parseLong(header.substring(6 + 8 * i, 14 + 8 * i), 16));
        }
        // ino, mode (folder 0755), uid, gid, nlink, mtime, filesize, maj, min, rmaj, rmin, namesize ("bin" + NUL),
        // check
        assertThat(fields).containsExactly(1L, 040755L, 0L, 0L, 2L, MTIME, 0L, 0L, 0L, 0L, 0L, 4L, 0L);
        assertThat(new String(bytes, 110, 4, StandardCharsets.US_ASCII)).isEqualTo("bin\0");
    }

    @Test
    void commonsCompressReadsBackEveryEntry() throws IOException {
        Map<String, CpioArchiveEntry> headers = new LinkedHashMap<>();
        Map<String, String> contents = new LinkedHashMap<>();
        try (CpioArchiveInputStream in =
                new CpioArchiveInputStream(new ByteArrayInputStream(of(sample()).toBytes(MTIME, Compression.NONE)))) {
            CpioArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                headers.put(entry.getName(), entry);
                contents.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        assertThat(headers.keySet())
                .containsExactly(
                        "bin",
                        "bin/busybox",
                        "bin/sh",
                        "dev",
                        "dev/console",
                        "init",
                        "lib",
                        "lib/modules",
                        "lib/modules/9p.ko");
        assertThat(contents).containsEntry("bin/busybox", "ELF").containsEntry("init", "#!/bin/sh\n");
        assertThat(contents).containsEntry("bin/sh", "busybox");
        assertThat(headers.get("bin/sh").isSymbolicLink()).isTrue();
        assertThat(headers.get("bin/busybox").getMode()).isEqualTo(0100755);
        assertThat(headers.get("lib/modules/9p.ko").getMode()).isEqualTo(0100644);
        assertThat(headers.get("dev/console").isCharacterDevice()).isTrue();
        assertThat(headers.get("dev/console").getRemoteDeviceMaj()).isEqualTo(5);
        assertThat(headers.get("dev/console").getRemoteDeviceMin()).isEqualTo(1);
        assertThat(headers.values())
                .allSatisfy(h ->
                        assertThat(List.of(h.getUID(), h.getGID(), h.getTime())).containsExactly(0L, 0L, MTIME));
        assertThat(headers.values().stream().map(CpioArchiveEntry::getInode))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void cpioListsAndExtractsIt(Compression compression) throws Exception {
        Path archive = Files.write(tmp.resolve("initrd.img"), of(sample()).toBytes(MTIME, compression));
        String input = compression == Compression.GZIP ? "gzip -dc " + archive : "cat " + archive;
        Path out = Files.createDirectories(tmp.resolve("out"));

        String listing = shell(input + " | " + CPIO + " -itv --quiet", out);
        shell(input + " | " + CPIO + " -idm --no-absolute-filenames --quiet 'bin*' 'init' 'lib*'", out);

        assertThat(listing.lines().map(line -> line.replaceAll(".* ", "")))
                .containsExactly(
                        "bin",
                        "bin/busybox",
                        "busybox",
                        "dev",
                        "dev/console",
                        "init",
                        "lib",
                        "lib/modules",
                        "lib/modules/9p.ko");
        assertThat(listing).contains("lrwxrwxrwx   1 root     root            7 Nov 14  2023 bin/sh -> busybox");
        assertThat(Files.readString(out.resolve("init"))).isEqualTo("#!/bin/sh\n");
        assertThat(Files.readSymbolicLink(out.resolve("bin/sh"))).isEqualTo(Path.of("busybox"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("bin/busybox"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(Files.getLastModifiedTime(out.resolve("init")).toMillis()).isEqualTo(MTIME * 1000);
    }

    @Test
    void theArchiveEndsWithTheTrailerPaddedToBlocks() {
        byte[] bytes = of(sample()).toBytes(MTIME, Compression.NONE);

        assertThat(bytes.length % Initramfs.BLOCK_SIZE_BYTES).isZero();
        assertThat(new String(bytes, StandardCharsets.US_ASCII)).contains("TRAILER!!!");
    }

    @Test
    void gzipHeaderHasNoTimeNoNameAndAnUnknownSystem() throws IOException {
        byte[] bytes = of(sample()).toBytes(MTIME, Compression.GZIP);

        // RFC 1952 2.3: ID1 ID2 CM FLG MTIME(4) XFL OS
        assertThat(Arrays.copyOf(bytes, 10)).containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            assertThat(in.readAllBytes()).isEqualTo(of(sample()).toBytes(MTIME, Compression.NONE));
        }
    }

    @Test
    void anEntryWithoutItsParentFolderIsRefused() {
        Initramfs initramfs = new Initramfs().add(new File("lib/modules/9p.ko", 0644, new byte[0]));

        assertThatThrownBy(() -> initramfs.toBytes(MTIME, Compression.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without a parent folder entry: [lib/modules/9p.ko]");
    }

    @Test
    void pathsMustBeRelativeNormalisedAndUnique() {
        assertThatThrownBy(() -> new Initramfs().add(new Directory("/bin", 0755)))
                .hasMessageContaining("'/bin' must be relative and normalised");
        assertThatThrownBy(() -> new Initramfs().add(new Directory("bin/../etc", 0755)))
                .hasMessageContaining("must be relative and normalised");
        assertThatThrownBy(() -> new Initramfs().add(new Directory("bin", 0755)).add(new Symlink("bin", "x")))
                .hasMessageContaining("'bin' is added twice");
    }

    private static List<Entry> sample() {
        return List.of(
                new Directory("bin", 0755),
                new File("bin/busybox", 0755, "ELF".getBytes(StandardCharsets.US_ASCII)),
                new Symlink("bin/sh", "busybox"),
                new Directory("dev", 0755),
                new CharDevice("dev/console", 0600, 5, 1),
                new File("init", 0755, "#!/bin/sh\n".getBytes(StandardCharsets.US_ASCII)),
                new Directory("lib", 0755),
                new Directory("lib/modules", 0755),
                new File("lib/modules/9p.ko", 0644, new byte[] {1, 2, 3}));
    }

    private static Initramfs of(List<Entry> entries) {
        Initramfs initramfs = new Initramfs();
        entries.forEach(initramfs::add);
        return initramfs;
    }

    private static String shell(String command, Path dir) throws Exception {
        assertThat(CPIO)
                .as("cpio(1) from Debian's cpio package (.ci/run installs it)")
                .isExecutable();
        ProcessBuilder builder =
                new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true);
        // cpio -v prints times in the local zone
        builder.environment().put("TZ", "UTC");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
