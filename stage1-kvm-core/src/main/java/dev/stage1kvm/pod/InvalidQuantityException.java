package dev.stage1kvm.pod;

/** A resource quantity (a {@code --memory} or {@code --cpu} flag, or an isolator limit) that cannot be used. */
public final class InvalidQuantityException extends IllegalArgumentException {

    private final String field;
    private final String value;

    public InvalidQuantityException(String field, String value, String problem) {
        super(field + " '" + value + "' " + problem);
        this.field = field;
        this.value = value;
    }

    /** Where the value came from, as the user wrote it: a flag such as {@code --memory} or a manifest field. */
    public String field() {
        return field;
    }

    /** The value as given. */
    public String value() {
        return value;
    }
}
