package dev.stage1kvm.bench;

import dev.stage1kvm.aci.AciResult;
import dev.stage1kvm.aci.AciWriter;
import dev.stage1kvm.aci.Compression;
import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Writes a folder of host files as a gzip ACI and reports the time and the peak heap, for {@code bench/aci-write.sh}.
 * Arguments: the input folder, the output {@code .aci}, and optionally the gzip thread count (default: processors).
 */
public final class AciWriteBench {

    private AciWriteBench() {}

    public static void main(String[] args) throws IOException {
        Path input = Path.of(args[0]);
        Path output = Path.of(args[1]);
        int threads = args.length > 2
                ? Integer.parseInt(args[2])
                : Runtime.getRuntime().availableProcessors();
        StagedTree tree = stage(input);
        byte[] manifest = "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"example.com/bench\"}"
                .getBytes(StandardCharsets.UTF_8);

        long start = System.nanoTime();
        AciResult result = new AciWriter(BuildListener.SILENT, threads)
                .write(output, manifest, tree, Compression.GZIP, Instant.EPOCH);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        System.out.printf("ours.entries=%d%n", tree.size());
        System.out.printf("ours.gzip_threads=%d%n", threads);
        System.out.printf("ours.write_ms=%d%n", elapsedMillis);
        System.out.printf("ours.size_bytes=%d%n", result.sizeBytes());
        System.out.printf("ours.image_id=%s%n", result.imageId());
        System.out.printf("ours.peak_heap_mib=%.1f%n", peakHeapBytes() / 1024.0 / 1024.0);
        System.out.printf("ours.max_heap_mib=%.1f%n", Runtime.getRuntime().maxMemory() / 1024.0 / 1024.0);
    }

    /** Regular files as host files (0755 when executable), symlinks kept; directories come from their children. */
    private static StagedTree stage(Path input) throws IOException {
        StagedTree tree = new StagedTree();
        try (Stream<Path> paths = Files.walk(input)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                String guestPath = input.relativize(path).toString();
                if (guestPath.isEmpty()) {
                    continue;
                }
                if (Files.isSymbolicLink(path)) {
                    tree.put(
                            guestPath,
                            new StagedEntry.Symlink(Files.readSymbolicLink(path).toString()));
                } else if (Files.isDirectory(path)) {
                    tree.put(guestPath, new StagedEntry.Directory(0755));
                } else if (Files.isRegularFile(path)) {
                    int mode = Files.isExecutable(path) ? 0755 : 0644;
                    tree.put(
                            guestPath,
                            new StagedEntry.RegularFile(new StagedEntry.HostFile(path), Files.size(path), mode));
                }
            }
        }
        return tree;
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
