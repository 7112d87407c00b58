package dev.stage1kvm.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest(name = "control.tar{0} and data.tar{0}")
    @ValueSource(strings = {".xz", ".zst", ".gz", ".bz2", ""})
    void readsControlAndDataWhateverTheirCompression(String dotSuffix) throws IOException {
        byte[] big = TestDebs.bulk(DataTarReader.INLINE_LIMIT_BYTES + 1);
        List<Entry> entries = new ArrayList<>(TestDebs.usrTree("demo"));
        entries.add(Entry.dir("./usr/lib/"));
        entries.add(Entry.file("./usr/lib/big.so", big, 0644));
        entries.add(Entry.symlink("./usr/bin/demo-link", "demo"));
        Path deb = write(TestDebs.deb("demo", "2:1.0-3", entries, suffix(dotSuffix)));

        Deb822.Paragraph control = new DebArchive(deb).control();
        StagedTree tree = new DebArchive(deb).data(cache());
        Path extracted = new DebArchive(deb).extract("usr/lib/big.so", cache()).orElseThrow();

        assertThat(control.get("Version")).isEqualTo("2:1.0-3");
        assertThat(tree.entries().keySet())
                .containsExactly("usr", "usr/bin", "usr/bin/demo", "usr/bin/demo-link", "usr/lib", "usr/lib/big.so");
        StagedEntry.RegularFile demo = (StagedEntry.RegularFile) tree.get("usr/bin/demo");
        assertThat(((StagedEntry.Bytes) demo.content()).data())
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("#!/bin/sh\necho demo\n");
        assertThat(tree.get("usr/bin/demo-link")).isEqualTo(new StagedEntry.Symlink("demo"));
        assertThat(Files.readAllBytes(extracted)).isEqualTo(big);
    }

    @Test
    void aFileTakenOutOfACachedPackageIsRememberedAndTheFileIsNotDecompressedAgain() throws IOException {
        byte[] tarball = TestDebs.bulk(DataTarReader.INLINE_LIMIT_BYTES + 1);
        List<Entry> entries = new ArrayList<>(TestDebs.usrTree("src"));
        entries.add(Entry.dir("./usr/src/"));
        entries.add(Entry.file("./usr/src/linux.tar.xz", tarball, 0644));
        DebCache cache = cache();
        byte[] debBytes = TestDebs.deb("src", "1.0", entries, suffix(".xz"));
        Path deb = cache.blobPath(cache.store(new java.io.ByteArrayInputStream(debBytes)));

        Path first = new DebArchive(deb).extract("usr/src/linux.tar.xz", cache).orElseThrow();
        // a package that cannot be read any more shows that the second call does not read it
        Files.write(deb, new byte[] {'!'});
        Path second =
                new DebArchive(deb).extract("./usr/src/linux.tar.xz", cache).orElseThrow();

        assertThat(second).isEqualTo(first);
        assertThat(Files.readAllBytes(second)).isEqualTo(tarball);
    }

    /** Entries no compression may let through: each case is a name, a kind (file or a symlink's target), a problem. */
    private static final List<List<String>> ESCAPES = List.of(
            List.of("./../etc/passwd", "file", "must not contain '..'"),
            List.of("/etc/passwd", "file", "package entries are relative to the root"),
            List.of("./usr/bin/escape", "../../../etc", "points outside the rootfs"));

    static Stream<Arguments> escapesInEveryCompression() {
        return Stream.of(".xz", ".zst", ".gz", ".bz2", "")
                .flatMap(dotSuffix -> ESCAPES.stream().map(c -> arguments(dotSuffix, c.get(0), c.get(1), c.get(2))));
    }

    @ParameterizedTest(name = "data.tar{0}: {1} -> {3}")
    @MethodSource("escapesInEveryCompression")
    void refusesEntriesThatWouldLeaveTheRootWhateverTheCompression(
            String dotSuffix, String name, String kind, String problem) throws IOException {
        Entry entry = kind.equals("file") ? Entry.file(name, "x") : Entry.symlink(name, kind);
        Path deb = write(TestDebs.deb("evil", "1", List.of(Entry.dir("./"), entry), suffix(dotSuffix)));

        assertThatThrownBy(() -> new DebArchive(deb).data(cache()))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining(deb + " member data.tar" + dotSuffix + " entry '" + name + "'")
                .hasMessageContaining(problem);
    }

    /** {@code zst} for {@code .zst}; the display names keep the dot so that "no compression" reads as data.tar. */
    private static String suffix(String dotSuffix) {
        return dotSuffix.isEmpty() ? "" : dotSuffix.substring(1);
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
    void namesAMemberCompressedInAnUnknownFormat() throws IOException {
        Path deb = write(TestDebs.deb(TestDebs.tar(List.of()), "data.tar.lzma", new byte[] {0x5d, 0}));

        assertThatThrownBy(() -> new DebArchive(deb).data(cache()))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining("member data.tar.lzma")
                .hasMessageContaining("expected xz, zst, gz, bz2 or none");
    }

    @Test
    void readsAnUncompressedDataTar() throws IOException {
        Path deb = write(TestDebs.deb(TestDebs.tar(List.of()), "data.tar", TestDebs.tar(TestDebs.usrTree("x"))));

        assertThat(new DebArchive(deb).data(cache()).contains("usr/bin/x")).isTrue();
    }

    @ParameterizedTest(name = "{0}, byte {1}: {2}")
    @CsvSource(
            delimiter = ';',
            value = {
                "xz; 8; CRC32 of the stream flags (xz file format 2.1.1: magic 6 bytes, flags 2)",
                "zst; 0; frame magic number (RFC 8878 3.1.1)",
                "gz; 0; ID1 of the member header (RFC 1952 2.3.1)",
                "bz2; 0; the 'B' of the 'BZh' stream signature"
            })
    void namesTheMemberOfCorruptCompressedData(String suffix, int offset, String field) throws IOException {
        byte[] data = TestDebs.compress(suffix, TestDebs.tar(TestDebs.usrTree("x")));
        data[offset] ^= 0x55;
        String member = TestDebs.member("data.tar", suffix);
        Path deb = write(TestDebs.deb(TestDebs.tar(List.of()), member, data));

        assertThatThrownBy(() -> new DebArchive(deb).data(cache()))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining(deb + " member " + member + ": cannot be read as a .deb");
    }

    @Test
    void rejectsAFileThatIsNotADeb() throws IOException {
        Path deb = write("!<arch>\nnot really\n".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> new DebArchive(deb).data(cache()))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining(deb.toString());
    }
}
