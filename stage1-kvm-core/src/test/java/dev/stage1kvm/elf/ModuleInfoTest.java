package dev.stage1kvm.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModuleInfoTest {

    private static final String VERMAGIC = "vermagic=6.1.0-57-amd64 SMP preempt mod_unload modversions ";

    @TempDir
    Path tmp;

    @Test
    void readsNameDependsAndVermagic() throws IOException {
        TestModuleWriter writer = TestModuleWriter.module(
                "license=GPL", "depends=virtio,virtio_ring", "retpoline=Y", "name=virtio_rng", VERMAGIC);

        ModuleInfo info = read(writer);

        assertThat(info.name()).isEqualTo("virtio_rng");
        assertThat(info.depends()).containsExactly("virtio", "virtio_ring");
        assertThat(info.vermagic()).startsWith("6.1.0-57-amd64 SMP");
        assertThat(info.release()).isEqualTo("6.1.0-57-amd64");
        assertThat(info.source()).isEqualTo("virtio-rng.ko");
    }

    @Test
    void emptyOrAbsentDependsIsNoDependency() throws IOException {
        assertThat(read(TestModuleWriter.module("depends=", "name=9pnet", VERMAGIC))
                        .depends())
                .isEmpty();
        assertThat(read(TestModuleWriter.module("name=9pnet", VERMAGIC)).depends())
                .isEmpty();
    }

    @Test
    void runsOfNulBetweenStringsArePadding() throws IOException {
        TestModuleWriter writer = TestModuleWriter.module("name=netfs", "", "", "depends=", "", VERMAGIC);

        assertThat(read(writer).name()).isEqualTo("netfs");
    }

    @ParameterizedTest(name = "ELF{0} {1}, extended numbering {2}")
    @CsvSource({
        "32, LITTLE_ENDIAN, false",
        "32, BIG_ENDIAN, false",
        "64, BIG_ENDIAN, false",
        "64, LITTLE_ENDIAN, true",
        "32, BIG_ENDIAN, true"
    })
    void readsEveryClassByteOrderAndNumbering(int elfClass, String order, boolean extended) throws IOException {
        TestModuleWriter writer = TestModuleWriter.module("depends=a,b", "name=c", VERMAGIC);
        writer.elfClass = elfClass;
        writer.order = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        writer.extendedNumbering = extended;

        ModuleInfo info = read(writer);

        assertThat(info.name()).isEqualTo("c");
        assertThat(info.depends()).containsExactly("a", "b");
    }

    @Test
    void readsAnObjectTheHostsCompilerWrote() throws Exception {
        Path source = Files.writeString(
                tmp.resolve("mod.c"),
                "__attribute__((section(\".modinfo\"), used)) static const char info[] ="
                        + " \"depends=9pnet,netfs\\0name=ninep\\0vermagic=6.1.0-57-amd64 SMP \";\n");
        Path object = tmp.resolve("mod.o");
        Process gcc = new ProcessBuilder("gcc", "-c", "-o", object.toString(), source.toString())
                .inheritIO()
                .start();
        assertThat(gcc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(gcc.exitValue()).isZero();

        ModuleInfo info = ModuleInfo.read(ByteBuffer.wrap(Files.readAllBytes(object)), object.toString());

        assertThat(info.name()).isEqualTo("ninep");
        assertThat(info.depends()).containsExactly("9pnet", "netfs");
        assertThat(info.release()).isEqualTo("6.1.0-57-amd64");
    }

    @Test
    void anExecutableIsNotAModule() {
        TestModuleWriter writer = TestModuleWriter.module("name=x", VERMAGIC);
        writer.type = 2;

        assertThatThrownBy(() -> read(writer))
                .isInstanceOf(ElfFormatException.class)
                .hasMessageContaining(
                        "virtio-rng.ko at offset 16: expected e_type ET_REL (1), a kernel module, found 2");
    }

    @Test
    void aModuleWithoutModinfoIsNamed() {
        TestModuleWriter writer = TestModuleWriter.module("name=x", VERMAGIC);
        writer.sectionName = ".notinfo";

        assertThatThrownBy(() -> read(writer)).hasMessageContaining("expected a .modinfo section, found none");
    }

    @Test
    void missingNameOrVermagicIsNamed() {
        assertThatThrownBy(() -> read(TestModuleWriter.module("depends=", VERMAGIC)))
                .hasMessageContaining("expected a name= entry in .modinfo, found none");
        assertThatThrownBy(() -> read(TestModuleWriter.module("name=x")))
                .hasMessageContaining("expected a vermagic= entry in .modinfo, found none");
    }

    @Test
    void aStringWithoutEqualsSignIsRejectedAtItsOffset() {
        TestModuleWriter writer = TestModuleWriter.module("name=x", "garbage", VERMAGIC);

        // .modinfo starts right after the 64-byte header; "name=x\0" is 7 bytes
        assertThatThrownBy(() -> read(writer))
                .hasMessageContaining("at offset 71: expected a key=value string, found 'garbage'");
    }

    @Test
    void aTruncatedSectionTableSaysWhereTheFileEnds() {
        byte[] bytes = TestModuleWriter.module("name=x", VERMAGIC).bytes();
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 10);

        assertThatThrownBy(() -> ModuleInfo.read(ByteBuffer.wrap(truncated), "cut.ko"))
                .isInstanceOf(ElfFormatException.class)
                .hasMessageContaining("cut.ko at offset")
                .hasMessageContaining("3 section headers")
                .hasMessageContaining("end of file at " + truncated.length);
    }

    private static ModuleInfo read(TestModuleWriter writer) throws IOException {
        return ModuleInfo.read(ByteBuffer.wrap(writer.bytes()), "virtio-rng.ko");
    }
}
