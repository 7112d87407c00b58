package dev.stage1kvm.build;

import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a staged tree into a fresh work folder so that the ELF closure ({@code dev.stage1kvm.elf.LibraryClosure},
 * which reads a rootfs folder) can search it as the guest's loader would. Files staged from the host are hard-linked
 * where the file system allows it (the Debian cache and the build's target folder usually share one), else copied;
 * modes are not set, as the closure reads only bytes and links. A staged tree never holds an entry below a link, so
 * nothing is written outside the folder.
 */
final class RootfsFolder {

    private RootfsFolder() {}

    /** Replaces {@code folder} with the entries of {@code tree}. */
    static Path write(StagedTree tree, Path folder) throws IOException {
        delete(folder);
        Files.createDirectories(folder);
        for (Map.Entry<String, StagedEntry> entry : tree.entries().entrySet()) {
            write(tree, folder, entry.getKey(), entry.getValue());
        }
        return folder;
    }

    private static void write(StagedTree tree, Path folder, String guestPath, StagedEntry entry) throws IOException {
        Path path = folder.resolve(guestPath);
        Files.createDirectories(path.getParent());
        if (entry instanceof StagedEntry.Directory) {
            Files.createDirectories(path);
        } else if (entry instanceof StagedEntry.Symlink link) {
            Files.createSymbolicLink(path, path.getFileSystem().getPath(link.target()));
        } else if (entry instanceof StagedEntry.HardLink link) {
            if (tree.get(link.targetPath()) instanceof StagedEntry.RegularFile target) {
                writeFile(target, path);
            }
        } else if (entry instanceof StagedEntry.RegularFile file) {
            writeFile(file, path);
        }
    }

    private static void writeFile(StagedEntry.RegularFile file, Path path) throws IOException {
        if (file.content() instanceof StagedEntry.Bytes bytes) {
            Files.write(path, bytes.data());
            return;
        }
        Path onHost = ((StagedEntry.HostFile) file.content()).pathOnHost();
        try {
            Files.createLink(path, onHost);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(onHost, path);
        }
    }

    /** Deletes a folder and everything in it, never following links. */
    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
