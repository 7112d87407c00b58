package dev.stage1kvm.aci;

/** A compression name or magic number that an ACI may not use. Carries the rejected value. */
public final class UnsupportedCompressionException extends IllegalArgumentException {

    private final String rejectedValue;

    UnsupportedCompressionException(String rejectedValue, String message) {
        super(message);
        this.rejectedValue = rejectedValue;
    }

    /** The name the user gave, or the hex of the magic bytes that were found. */
    public String rejectedValue() {
        return rejectedValue;
    }
}
