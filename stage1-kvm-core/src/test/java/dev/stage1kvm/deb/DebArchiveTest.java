package dev.stage1kvm.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.deb.TestDebs.Entry;
import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DebArchiveTest {

    @TempDir
    Path dir;

    private Path write(byte[] deb) throws IOException {
        return Files.write(dir.resolve("test.deb"), deb);
    }

    private DebCache cache() {
        return new DebCache(dir.resolve("cache"));
    }

    @Test
    void stagesDirectoriesFilesSymlinksAndHardLinksWithTheirModes() throws IOException {
        Path deb = write(TestDebs.deb(
                "demo",
                "1.0",
                List.of(
                        Entry.dir("./"),
                        Entry.dir("./usr/"),
                        Entry.file("./usr/bin/demo", "hello".getBytes(StandardCharsets.UTF_8), 04755),
                        Entry.symlink("./usr/bin/demo-link", "demo"),
                        Entry.symlink("./usr/bin/abs-link", "/usr/bin/demo"),
                        Entry.hardLink("./usr/bin/demo-hard", "./usr/bin/demo"))));

        StagedTree tree = new DebArchive(deb).data(cache());

        assertThat(tree.entries().keySet())
                .containsExactly(
                        "usr", "usr/bin", "usr/bin/abs-link", "usr/bin/demo", "usr/bin/demo-hard", "usr/bin/demo-link");
        StagedEntry.RegularFile file = (StagedEntry.RegularFile) tree.get("usr/bin/demo");
        assertThat(file.mode()).isEqualTo(04755);
        assertThat(((StagedEntry.Bytes) file.content()).data())
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("hello");
        assertThat(tree.get("usr/bin/demo-link")).isEqualTo(new StagedEntry.Symlink("demo"));
        assertThat(tree.get("usr/bin/demo-hard")).isEqualTo(new StagedEntry.HardLink("usr/bin/demo"));
    }

    @Test
    void readFilesStreamsOnlyRegularFilesInArchiveOrder() throws IOException {
        Path deb = write(TestDebs.deb(
                "demo",
                "1.0",
                List.of(
                        Entry.dir("./"),
                        Entry.file("./boot/vmlinuz-6.1", "kernel"),
                        Entry.symlink("./boot/vmlinuz", "vmlinuz-6.1"),
                        Entry.file("./lib/modules/6.1/a.ko", "a"),
                        Entry.hardLink("./lib/modules/6.1/b.ko", "./lib/modules/6.1/a.ko"))));
        Map<String, String> seen = new LinkedHashMap<>();

        new DebArchive(deb).readFiles((path, sizeBytes, content) -> {
            String text = new String(content.readAllBytes(), StandardCharsets.UTF_8);
            content.close();
            seen.put(path, text + "/" + sizeBytes);
        });

        assertThat(seen)
                .containsExactly(Map.entry("boot/vmlinuz-6.1", "kernel/6"), Map.entry("lib/modules/6.1/a.ko", "a/1"));
    }

    @Test
    void readFilesRefusesNamesThatClimbOutAndPassesTheVisitorsErrorsOn() throws IOException {
        Path climbing = write(TestDebs.deb("bad", "1", List.of(Entry.file("./../etc/passwd", "x"))));
        assertThatThrownBy(() -> new DebArchive(climbing).readFiles((path, size, content) -> {}))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining("entry './../etc/passwd'");

        Path good = write(TestDebs.deb("good", "1", List.of(Entry.file("./a", "x"), Entry.file("./b", "y"))));
        List<String> visited = new ArrayList<>();
        IOException problem = new IOException("module a is damaged");
        assertThatThrownBy(() -> new DebArchive(good).readFiles((path, size, content) -> {
                    visited.add(path);
                    throw problem;
                }))
                .isSameAs(problem);
        assertThat(visited).containsExactly("a");
    }

    @Test
    void keepsLargeFilesInTheCacheByDigestInsteadOfTheHeap() throws IOException {
        byte[] big = TestDebs.bulk(DataTarReader.INLINE_LIMIT_BYTES + 1);
        Path deb = write(TestDebs.deb("big", "1", List.of(Entry.file("./usr/lib/big.so", big, 0644))));

        StagedEntry.RegularFile file =
                (StagedEntry.RegularFile) new DebArchive(deb).data(cache()).get("usr/lib/big.so");

        Path onHost = ((StagedEntry.HostFile) file.content()).pathOnHost();
        assertThat(onHost).isEqualTo(cache().blobPath(Sha256.of(big)));
        assertThat(Files.readAllBytes(onHost)).isEqualTo(big);
        assertThat(file.sizeBytes()).isEqualTo(big.length);
    }

    @Test
    void readsTheControlParagraph() throws IOException {
        Path deb = write(TestDebs.deb("demo", "2:1.0-3", TestDebs.usrTree("demo")));

        Deb822.Paragraph control = new DebArchive(deb).control();

        assertThat(control.get("Package")).isEqualTo("demo");
        assertThat(control.get("Version")).isEqualTo("2:1.0-3");
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(
            delimiter = ';',
            value = {
                "./../etc/passwd; file; must not contain '..'",
                "./usr/../../etc/passwd; file; must not contain '..'",
                "/etc/passwd; file; package entries are relative to the root",
                "./usr/bin/escape; ../../../etc; points outside the rootfs",
                "./escape; ..; points outside the rootfs"
            })
    void refusesEntriesThatWouldLeaveTheRoot(String name, String kind, String problem) throws IOException {
        Entry entry = kind.equals("file") ? Entry.file(name, "x") : Entry.symlink(name, kind);
        Path deb = write(TestDebs.deb("evil", "1", List.of(Entry.dir("./"), entry)));

        assertThatThrownBy(() -> new DebArchive(deb).data(cache()))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining(deb + " member data.tar.xz entry '" + name + "'")
                .hasMessageContaining(problem);
    }

    @Test
    void refusesAnEntryBelowASymlinkTheSamePackageMade() throws IOException {
        Path deb = write(TestDebs.deb(
                "evil",
                "1",
                List.of(Entry.symlink("./lib", "/etc"), Entry.file("./lib/passwd", "root::0:0::/:/bin/sh"))));

        assertThatThrownBy(() -> new DebArchive(deb).data(cache()))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining("entry './lib/passwd'")
                .hasMessageContaining("below 'lib', which this package made a symlink");
    }

    @Test
    void refusesAHardLinkToAFileNotInThePackage() throws IOException {
        Path deb = write(TestDebs.deb("evil", "1", List.of(Entry.hardLink("./shadow", "/etc/shadow"))));

        assertThatThrownBy(() -> new DebArchive(deb).data(cache()))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining("entry './shadow'");
    }

    @Test
    void refusesDeviceNodesAndFifos() throws IOException {
        Path deb = write(TestDebs.deb("odd", "1", List.of(Entry.fifo("./run/fifo"))));

        assertThatThrownBy(() -> new DebArchive(deb).data(cache()))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining("device node or FIFO");
    }

    @Test
    void namesZstdAsUnsupported() throws IOException {
        Path deb = write(TestDebs.deb(TestDebs.tar(List.of()), "data.tar.zst", new byte[] {0x28, (byte) 0xb5}));

        assertThatThrownBy(() -> new DebArchive(deb).data(cache()))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining("member data.tar.zst")
                .hasMessageContaining("zstd");
    }

    @Test
    void readsAnUncompressedDataTar() throws IOException {
        Path deb = write(TestDebs.deb(TestDebs.tar(List.of()), "data.tar", TestDebs.tar(TestDebs.usrTree("x"))));

        assertThat(new DebArchive(deb).data(cache()).contains("usr/bin/x")).isTrue();
    }

    @Test
    void namesTheMemberOfCorruptCompressedData() throws IOException {
        byte[] data = TestDebs.xz(TestDebs.tar(TestDebs.usrTree("x")));
        int streamHeaderCrc = 8; // xz file format 2.1.1: magic (6 bytes), stream flags (2), CRC32 of the flags (4)
        data[streamHeaderCrc] ^= 0x55;
        Path deb = write(TestDebs.deb(TestDebs.tar(List.of()), "data.tar.xz", data));

        assertThatThrownBy(() -> new DebArchive(deb).data(cache()))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining(deb + " member data.tar.xz: cannot be read as a .deb");
    }

    @Test
    void rejectsAFileThatIsNotADeb() throws IOException {
        Path deb = write("!<arch>\nnot really\n".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> new DebArchive(deb).data(cache()))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining(deb.toString());
    }
}
