package dev.stage1kvm.maven;

/** Every user property the goals read, in one place. */
public final class PropertyNames {

    public static final String HYPERVISORS = "hypervisors";
    public static final String SKIP = "stage1.skip";
    public static final String NAME = "stage1.name";
    public static final String VERSION = "stage1.version";
    public static final String ARCH = "stage1.arch";
    public static final String COMPRESSION = "stage1.compression";
    public static final String OUTPUT_DIRECTORY = "stage1.outputDirectory";
    public static final String KERNEL = "stage1.kernel";
    public static final String KERNEL_SOURCE = "stage1.kernelSource";
    public static final String KERNEL_FRAGMENT = "stage1.kernelFragment";
    public static final String KERNEL_ORIGIN = "stage1.kernelOrigin";
    public static final String LKVM = "stage1.lkvm";
    public static final String LKVM_SOURCE = "stage1.lkvmSource";
    public static final String LKVM_COMMIT = "stage1.lkvmCommit";
    public static final String ENTRYPOINTS = "stage1.entrypoints";
    public static final String ATTACH = "stage1.attach";
    public static final String IMAGE = "stage1.image";
    public static final String USERLAND = "stage1.userland";
    public static final String LOCK_FILE = "stage1.lockFile";
    public static final String UPDATE_LOCK = "stage1.updateLock";

    private PropertyNames() {}
}
