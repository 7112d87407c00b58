package dev.stage1kvm.maven;

/** Every user property the goals read, in one place. */
public final class PropertyNames {

    public static final String HYPERVISORS = "hypervisors";
    public static final String SKIP = "stage1.skip";

    private PropertyNames() {}
}
