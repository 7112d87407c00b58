package dev.stage1kvm.elf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Looks up guest paths in a rootfs folder the way the guest kernel would after {@code chroot}: every symlink, absolute
 * or relative, is resolved inside the rootfs, and {@code ..} at the top stays at the top. No host symlink is ever
 * followed, so nothing outside the folder is read.
 */
public final class RootfsResolver {

    /** Same limit as Linux's MAXSYMLINKS: more links than this in one lookup is a loop. */
    static final int MAX_SYMLINKS = 40;

    private final Path root;

    public RootfsResolver(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /**
     * Resolves a guest path.
     *
     * @return empty when a component does not exist or is not a directory where one is needed, or on a symlink loop
     */
    public Optional<Resolution> resolve(String guestPath) throws IOException {
        Deque<String> pending = new ArrayDeque<>(segments(guestPath));
        Deque<String> resolved = new ArrayDeque<>();
        List<String> links = new ArrayList<>();
        while (!pending.isEmpty()) {
            String segment = pending.pollFirst();
            if (segment.equals("..")) {
                resolved.pollLast();
                continue;
            }
            resolved.addLast(segment);
            String current = String.join("/", resolved);
            Path onHost = root.resolve(current);
            if (Files.isSymbolicLink(onHost)) {
                if (links.size() == MAX_SYMLINKS) {
                    return Optional.empty();
                }
                links.add(current);
                String target = Files.readSymbolicLink(onHost).toString();
                resolved.removeLast();
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                List<String> targetSegments = segments(target);
                for (int i = targetSegments.size() - 1; i >= 0; i--) {
                    pending.addFirst(targetSegments.get(i));
                }
            } else if (!Files.exists(onHost, LinkOption.NOFOLLOW_LINKS)
                    || (!pending.isEmpty() && !Files.isDirectory(onHost, LinkOption.NOFOLLOW_LINKS))) {
                return Optional.empty();
            }
        }
        return Optional.of(new Resolution(String.join("/", resolved), links));
    }

    /** The host path of an already resolved guest path. */
    public Path onHost(String resolvedGuestPath) {
        return resolvedGuestPath.isEmpty() ? root : root.resolve(resolvedGuestPath);
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty() && !s.equals(".")) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Where a guest path leads.
     *
     * @param realPath the path with every symlink resolved, relative to the rootfs, {@code ""} for the rootfs itself
     * @param symlinks every symlink passed through on the way, as rootfs-relative paths, in the order met
     */
    public record Resolution(String realPath, List<String> symlinks) {
        public Resolution {
            symlinks = List.copyOf(symlinks);
        }
    }
}
