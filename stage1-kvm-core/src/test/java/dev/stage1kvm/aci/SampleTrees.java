package dev.stage1kvm.aci;

import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

/** Staged trees for the ACI tests: files from the host and from memory, links, long names, set-id bits. */
final class SampleTrees {

    static final Instant MTIME = Instant.parse("2026-01-01T00:00:00Z");

    static final byte[] MANIFEST =
            "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"example.com/test\"}"
                    .getBytes(StandardCharsets.UTF_8);

    /** Longer than a ustar name field (100 bytes), with a last segment too long for the ustar prefix split. */
    static final String LONG_NAME = "usr/lib/" + "d".repeat(60) + "/" + "f".repeat(150) + ".so";

    private SampleTrees() {}

    /** A tree whose host files live in {@code hostDir}. */
    static StagedTree sample(Path hostDir) throws IOException {
        StagedTree tree = new StagedTree();
        tree.put("/usr/bin/qemu", hostFile(hostDir, "qemu", 300_000, 0755));
        tree.put("/usr/bin/su", hostFile(hostDir, "su", 1000, 04755));
        tree.put("/etc/os-release", bytes("ID=stage1-kvm\n", 0644));
        tree.put("/usr/lib/libc.so.6", hostFile(hostDir, "libc", 5000, 0755));
        tree.put("/usr/lib/libc-2.so", new StagedEntry.HardLink("usr/lib/libc.so.6"));
        tree.put("/bin", new StagedEntry.Symlink("usr/bin"));
        tree.put("/etc/mtab", new StagedEntry.Symlink("../proc/self/mounts"));
        tree.put("/" + LONG_NAME, bytes("long\n", 0644));
        tree.put("/usr/lib/link-" + "l".repeat(120), new StagedEntry.Symlink("/" + LONG_NAME));
        tree.put("/opt/stage2", new StagedEntry.Directory(0755));
        tree.put("/flavor", new StagedEntry.Symlink("kvm"));
        return tree;
    }

    static StagedEntry.RegularFile hostFile(Path dir, String name, int sizeBytes, int mode) throws IOException {
        Path file = dir.resolve(name);
        byte[] data = new byte[sizeBytes];
        new Random(name.hashCode()).nextBytes(data);
        for (int i = 0; i < data.length; i += 7) {
            data[i] = 'x';
        }
        Files.write(file, data);
        return new StagedEntry.RegularFile(new StagedEntry.HostFile(file), sizeBytes, mode);
    }

    static StagedEntry.RegularFile bytes(String text, int mode) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        return new StagedEntry.RegularFile(new StagedEntry.Bytes(data), data.length, mode);
    }
}
