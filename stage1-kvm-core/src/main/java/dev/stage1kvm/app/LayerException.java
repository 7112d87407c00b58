package dev.stage1kvm.app;

import java.io.IOException;

/** A layer entry that cannot be applied; {@link AppUnpacker} adds the image's name in front of the message. */
final class LayerException extends IOException {

    LayerException(String message) {
        super(message);
    }

    LayerException(String message, Throwable cause) {
        super(message, cause);
    }
}
