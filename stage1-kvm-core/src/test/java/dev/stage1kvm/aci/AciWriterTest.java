package dev.stage1kvm.aci;

import static dev.stage1kvm.aci.SampleTrees.LONG_NAME;
import static dev.stage1kvm.aci.SampleTrees.MANIFEST;
import static dev.stage1kvm.aci.SampleTrees.MTIME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AciWriterTest {

    @TempDir
    Path dir;

    private final AciWriter writer = new AciWriter(BuildListener.SILENT, 2);

    @Test
    void commonsCompressReadsEntriesInOrderOwnedByRootAtOneTime() throws Exception {
        Path aci = writer.write(dir.resolve("out.aci"), MANIFEST, SampleTrees.sample(dir), Compression.GZIP, MTIME)
                .path();

        List<TarArchiveEntry> entries = ArchiveTools.entries(ArchiveTools.decompress(aci, Compression.GZIP));

        assertThat(entries)
                .extracting(TarArchiveEntry::getName)
                .containsExactly(
                        "manifest",
                        "rootfs/",
                        "rootfs/bin",
                        "rootfs/etc/",
                        "rootfs/etc/mtab",
                        "rootfs/etc/os-release",
                        "rootfs/flavor",
                        "rootfs/opt/",
                        "rootfs/opt/stage2/",
                        "rootfs/usr/",
                        "rootfs/usr/bin/",
                        "rootfs/usr/bin/qemu",
                        "rootfs/usr/bin/su",
                        "rootfs/usr/lib/",
                        "rootfs/usr/lib/" + "d".repeat(60) + "/",
                        "rootfs/" + LONG_NAME,
                        "rootfs/usr/lib/libc-2.so",
                        "rootfs/usr/lib/libc.so.6",
                        "rootfs/usr/lib/link-" + "l".repeat(120));
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.getLongUserId()).isZero();
            assertThat(entry.getLongGroupId()).isZero();
            assertThat(entry.getUserName()).isEqualTo("root");
            assertThat(entry.getGroupName()).isEqualTo("root");
            assertThat(entry.getLastModifiedTime().toInstant()).isEqualTo(MTIME);
            assertThat(entry.getLastAccessTime()).isNull();
            assertThat(entry.getStatusChangeTime()).isNull();
            assertThat(entry.getExtraPaxHeaders()).isEmpty();
        });
    }

    @Test
    void linksModesAndContentSurviveTheRoundTrip() throws Exception {
        Path aci = writer.write(dir.resolve("out.aci"), MANIFEST, SampleTrees.sample(dir), Compression.NONE, MTIME)
                .path();

        List<TarArchiveEntry> entries = ArchiveTools.entries(Files.readAllBytes(aci));

        TarArchiveEntry manifest = find(entries, "manifest");
        assertThat(manifest.isFile()).isTrue();
        assertThat(manifest.getMode()).isEqualTo(0644);
        assertThat(manifest.getSize()).isEqualTo(MANIFEST.length);
        assertThat(find(entries, "rootfs/bin").getLinkName()).isEqualTo("usr/bin");
        assertThat(find(entries, "rootfs/usr/lib/link-" + "l".repeat(120)).getLinkName())
                .isEqualTo("/" + LONG_NAME);
        TarArchiveEntry hardLink = find(entries, "rootfs/usr/lib/libc.so.6");
        assertThat(hardLink.isLink()).isTrue();
        assertThat(hardLink.getLinkName()).isEqualTo("rootfs/usr/lib/libc-2.so");
        assertThat(hardLink.getSize()).isZero();
        assertThat(find(entries, "rootfs/usr/lib/libc-2.so").getSize()).isEqualTo(5000);
        assertThat(find(entries, "rootfs/usr/bin/su").getMode()).isEqualTo(04755);
        assertThat(find(entries, "rootfs/usr/bin/qemu").getMode()).isEqualTo(0755);
        assertThat(find(entries, "rootfs/" + LONG_NAME).getSize()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}: system tar lists root/root, one date, links and the long name")
    @EnumSource(Compression.class)
    void systemTarListsIt(Compression compression) throws Exception {
        Path aci = writer.write(dir.resolve("out.aci"), MANIFEST, SampleTrees.sample(dir), compression, MTIME)
                .path();

        List<String> lines = ArchiveTools.tarListing(aci).lines().collect(Collectors.toList());

        assertThat(lines)
                .hasSize(19)
                .allSatisfy(line -> assertThat(line).contains(" root/root ").contains(" 2026-01-01 00:00 "));
        assertThat(lines.get(0)).startsWith("-rw-r--r--").endsWith(" manifest");
        assertThat(lines).anySatisfy(line -> assertThat(line).endsWith(" rootfs/" + LONG_NAME));
        assertThat(lines)
                .anySatisfy(line -> assertThat(line).startsWith("lrwxrwxrwx").endsWith("rootfs/bin -> usr/bin"));
        assertThat(lines)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("hrwxr-xr-x")
                        .endsWith("rootfs/usr/lib/libc.so.6 link to rootfs/usr/lib/libc-2.so"));
        assertThat(lines)
                .anySatisfy(line -> assertThat(line).startsWith("-rwsr-xr-x").endsWith(" rootfs/usr/bin/su"));
    }

    @ParameterizedTest(name = "{0}: image ID is the SHA-512 of the decompressed tar")
    @EnumSource(Compression.class)
    void imageIdIsTheDigestOfTheUncompressedTar(Compression compression) throws Exception {
        AciResult result = writer.write(dir.resolve("out.aci"), MANIFEST, SampleTrees.sample(dir), compression, MTIME);

        byte[] tar = ArchiveTools.decompress(result.path(), compression);

        assertThat(result.imageId()).isEqualTo(ArchiveTools.sha512Id(tar)).matches("sha512-[0-9a-f]{128}");
        assertThat(result.sizeBytes()).isEqualTo(Files.size(result.path()));
        assertThat(Compression.detect(Files.readAllBytes(result.path()))).isEqualTo(compression);
    }

    @ParameterizedTest(name = "{0}: the same tree written twice to two folders gives identical bytes")
    @EnumSource(Compression.class)
    void writingTwiceGivesIdenticalBytes(Compression compression) throws Exception {
        StagedTree tree = SampleTrees.sample(dir);
        Path first = Files.createDirectory(dir.resolve("first")).resolve("image.aci");
        Path second = Files.createDirectory(dir.resolve("second")).resolve("image.aci");

        AciResult one = new AciWriter(BuildListener.SILENT, 1).write(first, MANIFEST, tree, compression, MTIME);
        AciResult two = new AciWriter(BuildListener.SILENT, 4).write(second, MANIFEST, tree, compression, MTIME);

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        assertThat(two.imageId()).isEqualTo(one.imageId());
    }

    @Test
    void hardLinkStagedBeforeItsTargetBecomesTheFileAndTheTargetTheLink() throws Exception {
        StagedTree tree = new StagedTree();
        tree.put("b/real", SampleTrees.bytes("shared\n", 0755));
        tree.put("a/alias", new StagedEntry.HardLink("b/real"));
        Path aci = writer.write(dir.resolve("out.aci"), MANIFEST, tree, Compression.NONE, MTIME)
                .path();

        List<TarArchiveEntry> entries = ArchiveTools.entries(Files.readAllBytes(aci));

        assertThat(find(entries, "rootfs/a/alias").getSize()).isEqualTo(7);
        assertThat(find(entries, "rootfs/a/alias").getMode()).isEqualTo(0755);
        assertThat(find(entries, "rootfs/b/real").isLink()).isTrue();
        assertThat(find(entries, "rootfs/b/real").getLinkName()).isEqualTo("rootfs/a/alias");
    }

    @Test
    void finishedImageIsReadableByAllAndNothingElseIsLeftBeside() throws Exception {
        Path target = Files.createDirectory(dir.resolve("out")).resolve("image.aci");

        writer.write(target, MANIFEST, SampleTrees.sample(dir), Compression.GZIP, MTIME);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo("rw-r--r--");
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void manifestIsStoredAsGiven() throws Exception {
        Path aci = writer.write(dir.resolve("out.aci"), MANIFEST, new StagedTree(), Compression.NONE, MTIME)
                .path();

        String tar = new String(Files.readAllBytes(aci), StandardCharsets.ISO_8859_1);

        assertThat(tar.substring(512, 512 + MANIFEST.length)).isEqualTo(new String(MANIFEST, StandardCharsets.UTF_8));
        assertThat(tar).doesNotContain("mtime=").doesNotContain("atime=").doesNotContain("ctime=");
    }

    @Test
    void subSecondTimeIsTruncatedSoNoPaxTimeHeaderIsNeeded() throws Exception {
        java.time.Instant precise = java.time.Instant.parse("2026-01-01T00:00:00.123456789Z");
        Path aci = writer.write(dir.resolve("out.aci"), MANIFEST, SampleTrees.sample(dir), Compression.NONE, precise)
                .path();

        byte[] tar = Files.readAllBytes(aci);

        assertThat(ArchiveTools.entries(tar))
                .allSatisfy(entry ->
                        assertThat(entry.getLastModifiedTime().toInstant()).isEqualTo(MTIME));
        assertThat(new String(tar, StandardCharsets.ISO_8859_1)).doesNotContain("mtime=");
    }

    private static TarArchiveEntry find(List<TarArchiveEntry> entries, String name) {
        return entries.stream()
                .filter(entry -> entry.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + name + " in "
                        + entries.stream().map(TarArchiveEntry::getName).collect(Collectors.toList())));
    }

    static Set<Path> listing(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.collect(Collectors.toSet());
        }
    }
}
