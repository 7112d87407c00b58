package dev.stage1kvm.rootfs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a rootfs holds, path by path, without its bytes: enough to resolve links and check the stage1 rules whether
 * the rootfs is still staged or already in an archive. Paths are relative, as {@code RootfsPath} makes them.
 */
public final class RootfsIndex {

    /** Linux gives up after 40 links in one lookup (ELOOP); so does this. */
    private static final int MAX_LINK_HOPS = 40;

    public enum Type {
        DIRECTORY,
        FILE,
        SYMLINK,
        HARDLINK,
        OTHER
    }

    /** @param linkTarget a symlink's target as written, or a hard link's target path; else {@code null} */
    public record Entry(Type type, int mode, String linkTarget) {}

    /** Outcome of following a path through the links of the rootfs. */
    public sealed interface Resolution {}

    public record Found(String path, Entry entry) implements Resolution {}

    public record Missing(String path) implements Resolution {}

    /** A link on the way climbs above the rootfs. */
    public record Escapes(String link, String target) implements Resolution {}

    public record Loop(String path) implements Resolution {}

    private final Map<String, Entry> entries;

    public RootfsIndex(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    public Optional<Entry> get(String path) {
        return Optional.ofNullable(entries.get(path));
    }

    /** Follows {@code path} through every symlink on the way, as the kernel would inside a chroot. */
    public Resolution resolve(String path) {
        return resolve(path, link -> {});
    }

    /**
     * Follows {@code path} as {@link #resolve(String)} does, telling {@code linkVisitor} the path of each symlink it
     * follows, in the order it follows them.
     */
    public Resolution resolve(String path, Consumer<String> linkVisitor) {
        Deque<String> pending = new ArrayDeque<>(segments(path));
        List<String> resolved = new ArrayList<>();
        int hops = 0;
        while (!pending.isEmpty()) {
            String segment = pending.pollFirst();
            if (segment.equals("..")) {
                if (resolved.isEmpty()) {
                    return new Escapes(path, path);
                }
                resolved.remove(resolved.size() - 1);
                continue;
            }
            String candidate = join(resolved, segment);
            Entry entry = entries.get(candidate);
            if (entry == null || entry.type() != Type.SYMLINK) {
                resolved.add(segment);
                continue;
            }
            if (++hops > MAX_LINK_HOPS) {
                return new Loop(path);
            }
            linkVisitor.accept(candidate);
            Resolution step = followLink(candidate, entry.linkTarget(), resolved, pending);
            if (step != null) {
                return step;
            }
        }
        String finalPath = String.join("/", resolved);
        Entry entry = entries.get(finalPath);
        return entry == null ? new Missing(finalPath) : new Found(finalPath, entry);
    }

    private static Resolution followLink(String link, String target, List<String> resolved, Deque<String> pending) {
        if (target.startsWith("/")) {
            resolved.clear();
        }
        List<String> targetSegments = segments(target);
        for (int i = targetSegments.size() - 1; i >= 0; i--) {
            pending.addFirst(targetSegments.get(i));
        }
        long climbs = targetSegments.stream().takeWhile(".."::equals).count();
        return climbs > resolved.size() ? new Escapes(link, target) : null;
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments;
    }

    private static String join(List<String> resolved, String segment) {
        return resolved.isEmpty() ? segment : String.join("/", resolved) + "/" + segment;
    }
}
