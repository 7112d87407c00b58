package dev.stage1kvm.launcher;

import dev.stage1kvm.rootfs.RootfsIndex;
import dev.stage1kvm.rootfs.RootfsPath;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;

/** A rootfs index of an extracted image in the store, built from the folder instead of the archive. */
final class DiskIndex {

    private DiskIndex() {}

    static RootfsIndex of(Path rootfs) throws IOException {
        Map<String, RootfsIndex.Entry> entries = new TreeMap<>(RootfsPath.ORDER);
        Files.walkFileTree(rootfs, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(rootfs)) {
                    put(dir, RootfsIndex.Type.DIRECTORY, null);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isSymbolicLink()) {
                    put(
                            file,
                            RootfsIndex.Type.SYMLINK,
                            Files.readSymbolicLink(file).toString());
                } else {
                    put(file, attrs.isRegularFile() ? RootfsIndex.Type.FILE : RootfsIndex.Type.OTHER, null);
                }
                return FileVisitResult.CONTINUE;
            }

            private void put(Path path, RootfsIndex.Type type, String linkTarget) throws IOException {
                int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
                entries.put(rootfs.relativize(path).toString(), new RootfsIndex.Entry(type, mode, linkTarget));
            }
        });
        return new RootfsIndex(entries);
    }
}
