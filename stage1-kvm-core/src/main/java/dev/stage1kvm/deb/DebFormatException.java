package dev.stage1kvm.deb;

/** Malformed input: a control paragraph, a relation, a version, a lock file or a {@code .deb} member. */
public class DebFormatException extends DebException {

    private final String source;
    private final String badValue;

    /**
     * @param source the file, URL or member the input came from, with a line or offset where known
     * @param badValue the offending text, as read
     */
    public DebFormatException(String source, String badValue, String problem) {
        super(source + ": " + problem + (badValue == null ? "" : " (read '" + badValue + "')"));
        this.source = source;
        this.badValue = badValue;
    }

    public String source() {
        return source;
    }

    public String badValue() {
        return badValue;
    }
}
