package dev.stage1kvm.deb;

import java.net.URI;

/** URL helpers that never lose the mirror's path when appending archive-relative paths. */
final class Urls {

    private Urls() {}

    /** {@code base} with {@code relative} appended as a path below it, whether or not base ends in a slash. */
    static URI child(URI base, String relative) {
        String text = base.toString();
        String separator = text.endsWith("/") ? "" : "/";
        String tail = relative.startsWith("/") ? relative.substring(1) : relative;
        return URI.create(text + separator + tail);
    }
}
