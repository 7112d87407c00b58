package dev.stage1kvm.lkvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.rootfs.InvalidInputException;
import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A prebuilt lkvm is checked like a built one: a static x86-64 executable, or a clear error naming the input. */
class LkvmInputTest {

    @TempDir
    Path tmp;

    @Test
    void staticPrebuiltLandsAtSlashLkvm() throws Exception {
        Path binary = compile("-static");
        StagedTree tree = new StagedTree();

        LkvmInput.prebuilt(binary, "<lkvm>").addTo(tree);

        assertThat(tree.get("/lkvm"))
                .isEqualTo(new StagedEntry.RegularFile(new StagedEntry.HostFile(binary), Files.size(binary), 0755));
    }

    @Test
    void dynamicPrebuiltIsRefusedNamingTheInput() throws Exception {
        Path binary = compile("");

        assertThatThrownBy(() -> LkvmInput.prebuilt(binary, "<lkvm>").addTo(new StagedTree()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.input()).isEqualTo("<lkvm>"))
                .hasMessageContaining("<lkvm>: lkvm " + binary + " is dynamically linked");
    }

    @Test
    void scriptIsRefusedAsNotElf() throws Exception {
        Path script = Files.writeString(tmp.resolve("lkvm"), "#!/bin/sh\nexec qemu \"$@\"\n");

        assertThatThrownBy(() -> LkvmInput.prebuilt(script, "<lkvm>").addTo(new StagedTree()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("lkvm " + script + " is not an ELF file")
                .hasMessageContaining("expected magic 7f 45 4c 46");
    }

    @Test
    void missingFileIsNamed() {
        Path absent = tmp.resolve("absent");

        assertThatThrownBy(() -> LkvmInput.prebuilt(absent, "<lkvm>").addTo(new StagedTree()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'" + absent + "' does not exist or is not a regular file");
    }

    private Path compile(String linkFlag) throws Exception {
        Path source = Files.writeString(tmp.resolve("main.c"), "int main(void) { return 0; }\n");
        Path binary = tmp.resolve("lkvm" + linkFlag);
        List<String> command = new java.util.ArrayList<>(List.of("gcc", "-o", binary.toString(), source.toString()));
        if (!linkFlag.isEmpty()) {
            command.add(1, linkFlag);
        }
        Process gcc = new ProcessBuilder(command).inheritIO().start();
        assertThat(gcc.waitFor()).isZero();
        return binary;
    }
}
