package dev.stage1kvm.elf;

import java.util.List;

/**
 * What the dynamic loader of one Debian architecture searches when nothing else names a folder, and what it puts for
 * {@code $LIB} and {@code $PLATFORM} in RPATH and RUNPATH.
 *
 * @param systemFolders the loader's built-in "system search path", searched last (absolute guest paths)
 * @param lib the expansion of {@code $LIB}
 * @param platform the expansion of {@code $PLATFORM}
 */
public record LoaderDefaults(List<String> systemFolders, String lib, String platform) {

    /**
     * Debian's glibc on amd64, as printed by {@code /lib64/ld-linux-x86-64.so.2 --help} under "system search path".
     * {@code /lib64} is not among them: Debian's loader finds nothing there unless ld.so.conf lists it.
     */
    public static final LoaderDefaults DEBIAN_AMD64 = new LoaderDefaults(
            List.of("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib", "/usr/lib"),
            "lib/x86_64-linux-gnu",
            "x86_64");

    /** Debian's glibc on arm64, same layout as amd64 with the aarch64 multiarch triplet. */
    public static final LoaderDefaults DEBIAN_ARM64 = new LoaderDefaults(
            List.of("/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib", "/usr/lib"),
            "lib/aarch64-linux-gnu",
            "aarch64");

    public LoaderDefaults {
        systemFolders = List.copyOf(systemFolders);
    }
}
