package dev.stage1kvm.deb;

/** Base of every error the Debian repository client reports; the message says what, where and one remedy. */
public class DebException extends RuntimeException {

    public DebException(String message) {
        super(message);
    }

    public DebException(String message, Throwable cause) {
        super(message, cause);
    }
}
