package dev.stage1kvm.app;

import java.util.ArrayList;
import java.util.List;

/** Names of layer entries, made relative and checked so that none can leave the rootfs. */
final class LayerPaths {

    private LayerPaths() {}

    /**
     * The entry name as a relative path without {@code .} parts or a trailing slash; {@code ""} for the root itself.
     *
     * @throws LayerException for an absolute name or one with a {@code ..} part
     */
    static String normalize(String name, String where) throws LayerException {
        String relative = name.startsWith("./") ? name.substring(2) : name;
        if (relative.startsWith("/")) {
            throw new LayerException(where + ": entry '" + name + "' has an absolute path; image layers hold"
                    + " relative paths, so the image is broken or hostile");
        }
        List<String> parts = new ArrayList<>();
        for (String part : relative.split("/")) {
            if (part.equals("..")) {
                throw new LayerException(where + ": entry '" + name + "' has a '..' part that would leave the"
                        + " rootfs; the image is broken or hostile");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "/" + name;
    }

    /**
     * {@code target} taken relative to folder {@code base}, with {@code ..} parts applied; a result that would climb
     * above the top keeps a leading {@code ..} so that {@link #normalize} refuses it.
     */
    static String collapse(String base, String target) {
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        String joined = target.startsWith("/") ? target : child(base, target);
        for (String part : joined.split("/")) {
            if (part.equals("..")) {
                if (parts.isEmpty() || parts.peekLast().equals("..")) {
                    parts.addLast("..");
                } else {
                    parts.removeLast();
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                parts.addLast(part);
            }
        }
        return (target.startsWith("/") ? "/" : "") + String.join("/", parts);
    }
}
