package dev.stage1kvm.rootfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Staged trees made from fixture files that list the entries of real Debian packages: {@code d <path>} a folder,
 * {@code f <path> <octal mode> [<size>]} a file, {@code l <path> <target>} a link; {@code #} lines are comments.
 * A file's bytes are a stand-in: the test trees are never written, only filtered and moved.
 */
public final class PackageTreeFixture {

    private PackageTreeFixture() {}

    /** Reads a fixture from the classpath, relative to {@code anchor}; a missing fixture is an error. */
    public static StagedTree read(Class<?> anchor, String resource) throws IOException {
        StagedTree tree = new StagedTree();
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test fixture " + resource + " is missing next to " + anchor);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("#")) {
                    add(tree, line);
                }
            }
        }
        return tree;
    }

    private static void add(StagedTree tree, String line) {
        String[] fields = line.split(" ", 3);
        switch (fields[0]) {
            case "d" -> tree.put(fields[1], new StagedEntry.Directory(0755));
            case "l" -> tree.put(fields[1], new StagedEntry.Symlink(fields[2]));
            case "f" -> tree.put(fields[1], file(fields[1], fields[2].split(" ")));
            default -> throw new IllegalArgumentException("fixture line of unknown kind: " + line);
        }
    }

    private static StagedEntry.RegularFile file(String path, String[] modeAndSize) {
        byte[] standIn = path.getBytes(StandardCharsets.UTF_8);
        long sizeBytes = modeAndSize.length > 1 ? Long.parseLong(modeAndSize[1]) : standIn.length;
        int mode = HostTree.normalizedFileMode(Integer.parseInt(modeAndSize[0], 8));
        return new StagedEntry.RegularFile(new StagedEntry.Bytes(standIn), sizeBytes, mode);
    }
}
