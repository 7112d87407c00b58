package dev.stage1kvm.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * App images for pods: ACIs (appc 0.8.11) whose rootfs holds the host's statically linked busybox, running a shell
 * command.
 */
final class AppImages {

    /** Debian's busybox-static, which .ci/run installs. */
    static final Path BUSYBOX = Path.of("/bin/busybox");

    private AppImages() {}

    /** An ACI named {@code name} that runs {@code sh -c script}, with no resource limits. */
    static Path shell(Path folder, String name, String script) throws IOException {
        return shell(folder, name, script, List.of());
    }

    /**
     * An ACI named {@code name} that runs {@code sh -c script}.
     *
     * @param isolators appc isolators as JSON objects, e.g. a memory limit
     */
    static Path shell(Path folder, String name, String script, List<String> isolators) throws IOException {
        Path aci = folder.resolve(name + ".aci");
        String manifest = "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"example.com/" + name
                + "\",\"labels\":[{\"name\":\"arch\",\"value\":\"amd64\"},{\"name\":\"os\",\"value\":\"linux\"}],"
                + "\"app\":{\"exec\":[\"/bin/busybox\",\"sh\",\"-c\"," + json(script) + "],"
                + "\"user\":\"0\",\"group\":\"0\",\"isolators\":["
                + String.join(",", isolators) + "]}}";
        try (OutputStream file = Files.newOutputStream(aci);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            add(tar, "manifest", manifest.getBytes(StandardCharsets.UTF_8), 0644);
            directory(tar, "rootfs/");
            directory(tar, "rootfs/bin/");
            add(tar, "rootfs/bin/busybox", Files.readAllBytes(BUSYBOX), 0755);
            for (String mountPoint : List.of("proc", "sys", "dev", "run", "tmp")) {
                directory(tar, "rootfs/" + mountPoint + "/");
            }
        }
        return aci;
    }

    /** An appc memory limit isolator, e.g. {@code 256M}. */
    static String memoryLimit(String quantity) {
        return "{\"name\":\"resource/memory\",\"value\":{\"limit\":\"" + quantity + "\"}}";
    }

    static String cpuLimit(String quantity) {
        return "{\"name\":\"resource/cpu\",\"value\":{\"limit\":\"" + quantity + "\"}}";
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(040755);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] bytes, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        entry.setMode(0100000 | mode);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static String json(String text) {
        return text.chars()
                .mapToObj(c -> switch (c) {
                    case '"' -> "\\\"";
                    case '\\' -> "\\\\";
                    case '\n' -> "\\n";
                    default -> c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c);
                })
                .collect(Collectors.joining("", "\"", "\""));
    }
}
