package dev.stage1kvm.rootfs;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * Paths inside a rootfs: relative, {@code /}-separated, with no empty, {@code .} or {@code ..} segments. An absolute
 * guest path such as {@code /usr/bin/env} is accepted and made relative.
 */
public final class RootfsPath {

    /**
     * Orders paths segment by segment, comparing each segment's UTF-8 bytes: a directory comes right before its
     * children, and the order depends on nothing but the names.
     */
    public static final Comparator<String> ORDER = RootfsPath::compare;

    private RootfsPath() {}

    /**
     * Normalises a guest path.
     *
     * @throws IllegalArgumentException when the path is empty, names the root itself or climbs out with {@code ..}
     */
    public static String normalize(String guestPath) {
        StringBuilder out = new StringBuilder();
        for (String segment : guestPath.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new IllegalArgumentException("path '" + guestPath + "' must not contain '..'");
            }
            if (segment.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("path '" + guestPath + "' contains a NUL character");
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(segment);
        }
        if (out.length() == 0) {
            throw new IllegalArgumentException("path '" + guestPath + "' names the rootfs itself, not an entry in it");
        }
        return out.toString();
    }

    /** The parent of a normalised path, or {@code null} for a top-level entry. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? null : path.substring(0, slash);
    }

    /**
     * Resolves a symlink target against the directory holding the link, without touching any file system.
     *
     * @return the normalised target path, {@code ""} for the rootfs itself, or {@code null} when the target climbs
     *     above the rootfs
     */
    public static String resolveLink(String linkPath, String target) {
        java.util.ArrayDeque<String> segments = new java.util.ArrayDeque<>();
        if (!target.startsWith("/")) {
            String dir = parent(linkPath);
            if (dir != null) {
                for (String s : dir.split("/")) {
                    segments.addLast(s);
                }
            }
        }
        for (String segment : target.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return null;
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        return String.join("/", segments);
    }

    private static int compare(String a, String b) {
        String[] left = a.split("/");
        String[] right = b.split("/");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int c = java.util.Arrays.compareUnsigned(
                    left[i].getBytes(StandardCharsets.UTF_8), right[i].getBytes(StandardCharsets.UTF_8));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.length, right.length);
    }
}
