package dev.stage1kvm.source;

import java.util.List;

/**
 * Something a build needs on the host: a program found on the build PATH, or a C header (any one of several paths).
 *
 * @param name what the user knows it as, for messages
 * @param program the executable's name, or {@code null} for a header
 * @param headerPaths absolute paths of which at least one must exist, for a header
 * @param debianPackage the Debian package that provides it
 */
public record BuildTool(String name, String program, List<String> headerPaths, String debianPackage) {

    public BuildTool {
        headerPaths = List.copyOf(headerPaths);
    }

    public static BuildTool program(String program, String debianPackage) {
        return new BuildTool(program, program, List.of(), debianPackage);
    }

    public static BuildTool header(String name, String debianPackage, String... paths) {
        return new BuildTool(name, null, List.of(paths), debianPackage);
    }

    /** The compressor a kernel with CONFIG_KERNEL_LZ4 runs on its payload. */
    public static final BuildTool LZ4 = program("lz4", "lz4");

    /** Headers for the kernel's signing tools, needed only with CONFIG_MODULE_SIG or CONFIG_SYSTEM_TRUSTED_KEYRING. */
    public static final BuildTool OPENSSL_HEADERS =
            header("OpenSSL headers", "libssl-dev", "/usr/include/openssl/opensslv.h");

    /**
     * What every Linux kernel build needs: compiler, linker and make, flex and bison for Kconfig, bc and perl for
     * generated headers, libelf headers for objtool (CONFIG_OBJTOOL, on for x86-64 even in tinyconfig).
     */
    public static final List<BuildTool> KERNEL = List.of(
            program("gcc", "gcc"),
            program("ld", "binutils"),
            program("make", "make"),
            program("flex", "flex"),
            program("bison", "bison"),
            program("bc", "bc"),
            program("perl", "perl-base"),
            header("libelf headers", "libelf-dev", "/usr/include/libelf.h", "/usr/include/gelf.h"));
}
