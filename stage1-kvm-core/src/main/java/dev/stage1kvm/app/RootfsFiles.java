package dev.stage1kvm.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;

/**
 * Reads a file of an unpacked image as the guest would see it: symlinks are resolved against the image's rootfs,
 * never against the host's, and resolution never leaves the rootfs.
 */
final class RootfsFiles {

    /** Linux gives up after 40 symlinks in one lookup (MAXSYMLINKS); so does this. */
    private static final int MAX_SYMLINKS = 40;

    /** passwd and group files are small; the bound keeps a hostile image from filling the heap. */
    private static final long MAX_BYTES = 4L * 1024 * 1024;

    private RootfsFiles() {}

    /** The text of {@code guestPath} (e.g. {@code /etc/passwd}) when it resolves to a regular file. */
    static Optional<String> read(Path rootfs, String guestPath) throws IOException {
        Optional<Path> file = resolve(rootfs, guestPath);
        if (file.isEmpty() || !Files.isRegularFile(file.get(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (Files.size(file.get()) > MAX_BYTES) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(file.get(), StandardCharsets.UTF_8));
    }

    /** The host path {@code guestPath} leads to inside {@code rootfs}, symlinks resolved within it. */
    static Optional<Path> resolve(Path rootfs, String guestPath) throws IOException {
        Deque<String> pending = new ArrayDeque<>(parts(guestPath));
        Deque<String> resolved = new ArrayDeque<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String part = pending.removeFirst();
            if (part.equals("..")) {
                resolved.pollLast();
                continue;
            }
            Path current = rootfs.resolve(String.join("/", resolved)).resolve(part);
            if (Files.isSymbolicLink(current)) {
                if (++links > MAX_SYMLINKS) {
                    return Optional.empty();
                }
                String target = Files.readSymbolicLink(current).toString();
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                Deque<String> rest = new ArrayDeque<>(parts(target));
                rest.addAll(pending);
                pending = rest;
            } else if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                resolved.addLast(part);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(rootfs.resolve(String.join("/", resolved)));
    }

    private static java.util.List<String> parts(String path) {
        return Arrays.stream(path.split("/"))
                .filter(p -> !p.isEmpty() && !p.equals("."))
                .toList();
    }
}
