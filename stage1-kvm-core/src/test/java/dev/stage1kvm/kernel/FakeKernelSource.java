package dev.stage1kvm.kernel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A kernel source tarball whose Makefile acts like kbuild's targets, for tests that drive KernelBuilder without
 * compiling a kernel. olddefconfig drops NEEDS_MISSING_DEP, as Kconfig does with an option whose dependency is off;
 * each compile appends a line to a counter file.
 */
public final class FakeKernelSource {

    private FakeKernelSource() {}

    /**
     * @param extraCompileRecipe make recipe lines run before the image is written
     * @param prebuiltImage the bytes the "compile" leaves as bzImage, or {@code null} for a text placeholder
     */
    public static Path tarball(Path folder, Path compileCounter, String extraCompileRecipe, byte[] prebuiltImage)
            throws IOException {
        String makefile = "tinyconfig:\n"
                + "\t@printf 'CONFIG_64BIT=y\\nCONFIG_KERNEL_XZ=y\\n# CONFIG_NET_9P is not set\\n' > .config\n"
                + "olddefconfig:\n"
                + "\t@grep -v NEEDS_MISSING_DEP .config > .config.new; mv .config.new .config\n"
                + "bzImage:\n"
                + extraCompileRecipe
                + "\t@echo compiled >> " + compileCounter + "\n"
                + "\t@mkdir -p arch/x86/boot && printf 'fake bzImage' > arch/x86/boot/bzImage\n"
                + "\t@if [ -f prebuilt.bin ]; then cp prebuilt.bin arch/x86/boot/bzImage; fi\n";
        Path file = folder.resolve("linux-fake.tar.gz");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(file));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            addFile(tar, "linux-fake/Makefile", makefile.getBytes(StandardCharsets.UTF_8));
            if (prebuiltImage != null) {
                addFile(tar, "linux-fake/prebuilt.bin", prebuiltImage);
            }
        }
        return file;
    }

    private static void addFile(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
