package dev.stage1kvm.deb;

import java.util.List;

/** A requested package does not exist, or a dependency cannot be satisfied by the configured sources. */
public class DebResolutionException extends DebException {

    private final String packageName;
    private final List<String> chain;

    /**
     * @param packageName the name or relation that failed
     * @param chain the packages that led to it, from the requested root down to the one declaring the relation
     */
    public DebResolutionException(String packageName, List<String> chain, String message) {
        super(message);
        this.packageName = packageName;
        this.chain = List.copyOf(chain);
    }

    public String packageName() {
        return packageName;
    }

    public List<String> chain() {
        return chain;
    }
}
