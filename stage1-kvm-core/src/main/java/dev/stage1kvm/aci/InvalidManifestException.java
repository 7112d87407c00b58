package dev.stage1kvm.aci;

import java.util.List;

/** An image manifest that breaks the appc or stage1 rules; carries every problem found, not just the first. */
public class InvalidManifestException extends RuntimeException {

    private final String source;
    private final List<String> problems;

    public InvalidManifestException(String source, List<String> problems) {
        super(source + ": " + String.join("; ", problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The manifest's file or archive entry. */
    public String source() {
        return source;
    }

    public List<String> problems() {
        return problems;
    }
}
