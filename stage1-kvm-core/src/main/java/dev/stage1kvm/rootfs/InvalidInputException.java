package dev.stage1kvm.rootfs;

/**
 * An input of the build that cannot be used as given. The message names the input as the user wrote it, the bad
 * value and what to do.
 */
public class InvalidInputException extends RuntimeException {

    private final String input;

    public InvalidInputException(String input, String message) {
        super(input + ": " + message);
        this.input = input;
    }

    public InvalidInputException(String input, String message, Throwable cause) {
        super(input + ": " + message, cause);
        this.input = input;
    }

    /** The input as the user wrote it, e.g. {@code <inputs>/<input> /tmp/x} or {@code <kernel>}. */
    public String input() {
        return input;
    }
}
