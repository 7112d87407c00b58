package dev.stage1kvm.kernel;

import dev.stage1kvm.source.BuildTool;
import java.util.List;

/**
 * How to build a kernel for one Debian architecture on an amd64 host.
 *
 * @param debianName the Debian (and required-options.txt) name
 * @param makeArch the ARCH= value kbuild wants
 * @param crossCompile the CROSS_COMPILE= prefix, empty for a native build
 * @param target the make target that builds the boot image
 * @param imagePath where that image lands, relative to the source tree
 * @param compiler the compiler the build needs, with its Debian package
 */
public record KernelArch(
        String debianName, String makeArch, String crossCompile, String target, String imagePath, BuildTool compiler) {

    /** ARCH=x86_64, not x86: with it tinyconfig makes 64BIT default to y. */
    public static final KernelArch AMD64 =
            new KernelArch("amd64", "x86_64", "", "bzImage", "arch/x86/boot/bzImage", BuildTool.program("gcc", "gcc"));

    /** arm64 boots the uncompressed Image; built with Debian's cross compiler. */
    public static final KernelArch ARM64 = new KernelArch(
            "arm64",
            "arm64",
            "aarch64-linux-gnu-",
            "Image",
            "arch/arm64/boot/Image",
            BuildTool.program("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu"));

    public static KernelArch named(String debianName) {
        for (KernelArch arch : List.of(AMD64, ARM64)) {
            if (arch.debianName.equals(debianName)) {
                return arch;
            }
        }
        throw new IllegalArgumentException(
                "kernel architecture '" + debianName + "' is not supported; use amd64 or arm64");
    }

    /** The make variables every step of this architecture's build passes. */
    public List<String> makeVariables() {
        return crossCompile.isEmpty()
                ? List.of("ARCH=" + makeArch)
                : List.of("ARCH=" + makeArch, "CROSS_COMPILE=" + crossCompile);
    }
}
