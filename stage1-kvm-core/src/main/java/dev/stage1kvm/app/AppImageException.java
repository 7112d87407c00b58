package dev.stage1kvm.app;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An app image that cannot be used. The message has one shape: {@code <image>: <where>: <problem>}, where "where"
 * names the layer, member or field when there is one.
 */
public final class AppImageException extends IOException {

    private final Path image;

    public AppImageException(Path image, String problem) {
        super(image + ": " + problem);
        this.image = image;
    }

    public AppImageException(Path image, String problem, Throwable cause) {
        super(image + ": " + problem, cause);
        this.image = image;
    }

    /** The app image the problem is in. */
    public Path image() {
        return image;
    }
}
