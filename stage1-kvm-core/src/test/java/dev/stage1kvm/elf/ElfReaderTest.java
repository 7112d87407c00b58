package dev.stage1kvm.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ElfReaderTest {

    private static final Path HOST_LS = Path.of("/bin/ls");
    private static final Path HOST_LIBJVM = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/lib/server/libjvm.so");
    /** From Debian's busybox-static package. */
    private static final Path HOST_STATIC_BUSYBOX = Path.of("/bin/busybox");

    @TempDir
    Path tmp;

    @Test
    void readsTheHostsLs() throws IOException {
        ElfFile ls = ElfReader.read(HOST_LS);

        assertThat(ls.elfClass()).isEqualTo(64);
        assertThat(ls.byteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThat(ls.machine()).isEqualTo(62);
        assertThat(ls.machineName()).isEqualTo("x86-64");
        assertThat(ls.type()).isEqualTo(3);
        assertThat(ls.interpreter()).contains("/lib64/ld-linux-x86-64.so.2");
        assertThat(ls.needed()).contains("libc.so.6", "libselinux.so.1");
        assertThat(ls.soname()).isEmpty();
        assertThat(ls.isStatic()).isFalse();
    }

    @Test
    void readsTheJdksLibjvm() throws IOException {
        ElfFile libjvm = ElfReader.read(HOST_LIBJVM);

        assertThat(libjvm.soname()).contains("libjvm.so");
        assertThat(libjvm.interpreter()).isEmpty();
        assertThat(libjvm.needed()).contains("libc.so.6", "libm.so.6");
        assertThat(libjvm.isStatic()).isFalse();
    }

    @Test
    void staticBusyboxIsStatic() throws IOException {
        ElfFile busybox = ElfReader.read(HOST_STATIC_BUSYBOX);

        assertThat(busybox.isStatic()).isTrue();
        assertThat(busybox.needed()).isEmpty();
        assertThat(busybox.type()).isEqualTo(2);
    }

    @Test
    void compiledProgramShowsRunpathAndRpath() throws Exception {
        Path source = Files.writeString(tmp.resolve("hello.c"), "int main(void) { return 0; }\n");
        Path withRunpath = compile(source, "runpath", "-Wl,-rpath,$ORIGIN/../lib", "-Wl,--enable-new-dtags");
        Path withRpath = compile(source, "rpath", "-Wl,-rpath,/opt/x/lib", "-Wl,--disable-new-dtags");
        Path linkedStatically = compile(source, "static", "-static");

        assertThat(ElfReader.read(withRunpath).runpath()).contains("$ORIGIN/../lib");
        assertThat(ElfReader.read(withRunpath).rpath()).isEmpty();
        assertThat(ElfReader.read(withRpath).rpath()).contains("/opt/x/lib");
        assertThat(ElfReader.read(withRpath).runpath()).isEmpty();
        assertThat(ElfReader.read(linkedStatically).isStatic()).isTrue();
    }

    @ParameterizedTest(name = "ELF{0} {1}")
    @CsvSource({"32, LITTLE_ENDIAN", "32, BIG_ENDIAN", "64, LITTLE_ENDIAN", "64, BIG_ENDIAN"})
    void readsEveryClassAndByteOrder(int elfClass, String order) throws IOException {
        TestElfWriter writer = TestElfWriter.executable("/lib/ld.so.1", "liba.so.1", "libb.so.2")
                .runpath("$ORIGIN/lib")
                .rpath("/opt/lib");
        writer.elfClass = elfClass;
        writer.order = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        writer.machine = 21;
        writer.soname = "libself.so.9";

        ElfFile elf = ElfReader.read(ByteBuffer.wrap(writer.bytes()), "test.elf");

        assertThat(elf.elfClass()).isEqualTo(elfClass);
        assertThat(elf.byteOrder()).isEqualTo(writer.order);
        assertThat(elf.machine()).isEqualTo(21);
        assertThat(elf.type()).isEqualTo(2);
        assertThat(elf.interpreter()).isEqualTo(Optional.of("/lib/ld.so.1"));
        assertThat(elf.needed()).isEqualTo(List.of("liba.so.1", "libb.so.2"));
        assertThat(elf.runpath()).contains("$ORIGIN/lib");
        assertThat(elf.rpath()).contains("/opt/lib");
        assertThat(elf.soname()).contains("libself.so.9");
    }

    @Test
    void extendedProgramHeaderCountIsTakenFromSectionZero() throws IOException {
        byte[] plain = TestElfWriter.executable("/lib64/ld-linux-x86-64.so.2", "libc.so.6")
                .bytes();
        ByteBuffer b = ByteBuffer.allocate(plain.length + 64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(plain);
        int realCount = b.getShort(56);
        b.putShort(56, (short) 0xffff).putLong(40, plain.length).putInt(plain.length + 44, realCount);

        ElfFile elf = ElfReader.read(b.rewind(), "many-segments.elf");

        assertThat(elf.interpreter()).contains("/lib64/ld-linux-x86-64.so.2");
        assertThat(elf.needed()).containsExactly("libc.so.6");
    }

    @Test
    void noInterpreterAndNoDynamicSegmentIsStatic() throws IOException {
        TestElfWriter writer = TestElfWriter.executable(null);
        writer.dynamic = false;

        assertThat(ElfReader.read(ByteBuffer.wrap(writer.bytes()), "static.elf").isStatic())
                .isTrue();
    }

    @Test
    void textFileIsRejectedAtOffsetZero() throws IOException {
        Path script = Files.writeString(tmp.resolve("script.sh"), "#!/bin/sh\necho not an ELF file\n");

        assertThatThrownBy(() -> ElfReader.read(script))
                .isInstanceOfSatisfying(ElfFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo(script.toString());
                    assertThat(e.offset()).isZero();
                    assertThat(e.expected()).isEqualTo("magic 7f 45 4c 46");
                    assertThat(e.actual()).isEqualTo("23 21 2f 62");
                })
                .hasMessageContaining(script.toString());
    }

    @Test
    void badClassByteIsNamed() {
        byte[] bytes = TestElfWriter.library("x.so").bytes();
        bytes[4] = 7;

        assertThatThrownBy(() -> ElfReader.read(ByteBuffer.wrap(bytes), "bad-class.so"))
                .isInstanceOfSatisfying(ElfFormatException.class, e -> {
                    assertThat(e.offset()).isEqualTo(4);
                    assertThat(e.actual()).isEqualTo("7");
                });
    }

    @Test
    void truncatedFileSaysWhereItEnds() throws IOException {
        byte[] ls = Files.readAllBytes(HOST_LS);
        Path cut = Files.write(tmp.resolve("ls-cut"), Arrays.copyOf(ls, 100));

        assertThatThrownBy(() -> ElfReader.read(cut))
                .isInstanceOf(ElfFormatException.class)
                .hasMessageContaining("ls-cut")
                .hasMessageContaining("end of file at 100");
    }

    @Test
    void dynamicStringOutsideTheTableIsRejected() {
        TestElfWriter writer = TestElfWriter.library("libx.so.1");
        byte[] bytes = writer.bytes();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int strszEntry = bytes.length - 2 * 16;
        assertThat(b.getLong(strszEntry)).isEqualTo(10);
        b.putLong(strszEntry + 8, 1);

        assertThatThrownBy(() -> ElfReader.read(b, "short-strtab.so"))
                .isInstanceOf(ElfFormatException.class)
                .hasMessageContaining("short-strtab.so")
                .hasMessageContaining("below DT_STRSZ");
    }

    @Test
    void hasElfMagicTellsElfFromText() throws IOException {
        Path text = Files.write(tmp.resolve("t"), "hello".getBytes(StandardCharsets.UTF_8));

        assertThat(ElfReader.hasElfMagic(HOST_LS)).isTrue();
        assertThat(ElfReader.hasElfMagic(text)).isFalse();
    }

    private Path compile(Path source, String name, String... flags) throws Exception {
        Path out = tmp.resolve(name);
        List<String> command = new java.util.ArrayList<>(List.of("gcc", "-o", out.toString(), source.toString()));
        command.addAll(List.of(flags));
        Process gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gcc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(gcc.exitValue()).as("gcc said: %s", output).isZero();
        return out;
    }
}
