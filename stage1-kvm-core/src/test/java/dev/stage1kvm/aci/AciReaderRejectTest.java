package dev.stage1kvm.aci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.StagedTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AciReaderRejectTest {

    @TempDir
    Path dir;

    static Stream<Arguments> badArchives() {
        return Stream.of(
                bad(
                        "unknown top-level entry",
                        TarBuilder.aci().file("etc/passwd", "root::0:0"),
                        "entry 'etc/passwd' (at byte offset 1536 of the tar): unrecognized top-level entry; an ACI"
                                + " holds only 'manifest' and 'rootfs/'"),
                bad(
                        "duplicate entry",
                        TarBuilder.aci().file("rootfs/a", "1").file("rootfs/a", "2"),
                        "entry 'rootfs/a' (at byte offset 2560 of the tar): duplicate entry: an ACI holds each name"
                                + " once"),
                bad(
                        "duplicate directory spelled differently",
                        TarBuilder.aci().directory("rootfs/d/").directory("./rootfs/d/"),
                        "entry './rootfs/d/' (at byte offset 2048 of the tar): duplicate entry"),
                bad(
                        "'..' segment",
                        TarBuilder.aci().file("rootfs/../../etc/cron.d/x", "evil"),
                        "entry 'rootfs/../../etc/cron.d/x' (at byte offset 1536 of the tar): path"
                                + " 'rootfs/../../etc/cron.d/x' has a '..' segment"),
                bad(
                        "absolute path",
                        TarBuilder.aci().file("/rootfs/etc/passwd", "evil"),
                        "entry '/rootfs/etc/passwd' (at byte offset 1536 of the tar): absolute path"
                                + " '/rootfs/etc/passwd'; ACI entries are relative"),
                bad(
                        "hard link to an absolute path outside",
                        TarBuilder.aci().hardLink("rootfs/shadow", "/etc/shadow"),
                        "entry 'rootfs/shadow' (at byte offset 1536 of the tar): absolute path '/etc/shadow'"),
                bad(
                        "hard link climbing out",
                        TarBuilder.aci().hardLink("rootfs/shadow", "rootfs/../../etc/shadow"),
                        "entry 'rootfs/shadow' (at byte offset 1536 of the tar): path 'rootfs/../../etc/shadow' has"
                                + " a '..' segment"),
                bad(
                        "hard link to the manifest",
                        TarBuilder.aci().hardLink("rootfs/m", "manifest"),
                        "entry 'rootfs/m' (at byte offset 1536 of the tar): hard link to 'manifest', which is not an"
                                + " earlier entry inside rootfs/"),
                bad(
                        "hard link to a later entry",
                        TarBuilder.aci().hardLink("rootfs/a", "rootfs/b").file("rootfs/b", "b"),
                        "entry 'rootfs/a' (at byte offset 1536 of the tar): hard link to 'rootfs/b', which is not an"
                                + " earlier entry inside rootfs/"),
                bad(
                        "hard link to a symlink",
                        TarBuilder.aci().symlink("rootfs/s", "/etc/shadow").hardLink("rootfs/h", "rootfs/s"),
                        "entry 'rootfs/h' (at byte offset 2048 of the tar): hard link to 'rootfs/s', which is a"
                                + " symlink, not a regular file"),
                bad(
                        "manifest as a directory",
                        new TarBuilder().directory("manifest/").directory("rootfs/"),
                        "entry 'manifest/' (at byte offset 0 of the tar): 'manifest' must be a regular file, found"
                                + " directory"),
                bad(
                        "rootfs as a symlink",
                        new TarBuilder().file("manifest", "{}").symlink("rootfs", "/"),
                        "entry 'rootfs' (at byte offset 1024 of the tar): 'rootfs' must be a directory, found"
                                + " symlink"),
                bad(
                        "GNU sparse entry type",
                        TarBuilder.aci().special("rootfs/sparse", (byte) 'S'),
                        "entry 'rootfs/sparse' (at byte offset 1536 of the tar): entry type 'S' is not allowed"),
                bad(
                        "no manifest",
                        new TarBuilder().directory("rootfs/").file("rootfs/a", "a"),
                        "at byte offset 1536 of the tar: no 'manifest' entry: not an ACI"),
                bad(
                        "no rootfs",
                        new TarBuilder().file("manifest", "{}"),
                        "at byte offset 1024 of the tar: no 'rootfs' directory entry: not an ACI"),
                bad(
                        "zstd magic",
                        HexFormat.of().parseHex("28b52ffd0058b10000aabbcc"),
                        "at byte offset 0 of the tar: zstd magic 28b52ffd found: rkt cannot open zstd"),
                bad(
                        "garbage",
                        "this is not an archive at all".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "at byte offset 0 of the tar: not an ACI: first bytes 746869732069 match no gzip"),
                bad(
                        "corrupt xz header",
                        HexFormat.of().parseHex("fd377a585a00ffffffffffffffffffff"),
                        "at byte offset 0 of the tar: corrupt xz header: "),
                bad("gzip of garbage", TarBuilder.gzipOf(new byte[2048]), "no 'manifest' entry"));
    }

    @ParameterizedTest(name = "rejects {0}")
    @MethodSource("badArchives")
    void rejects(byte[] archive, String message) throws Exception {
        Path aci = dir.resolve("bad.aci");
        Files.write(aci, archive);

        assertThatThrownBy(() -> new AciReader().read(aci))
                .isInstanceOf(AciFormatException.class)
                .hasMessageStartingWith(aci + ": ")
                .hasMessageContaining(message);
    }

    @Test
    void truncatedGzipNamesTheEntryBeingRead() throws Exception {
        StagedTree tree = new StagedTree();
        tree.put("big", SampleTrees.hostFile(dir, "big", 2_000_000, 0644));
        Path aci = new AciWriter(BuildListener.SILENT)
                .write(dir.resolve("whole.aci"), SampleTrees.MANIFEST, tree, Compression.GZIP, SampleTrees.MTIME)
                .path();
        byte[] whole = Files.readAllBytes(aci);
        Path cut = dir.resolve("cut.aci");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> new AciReader().read(cut))
                .isInstanceOf(AciFormatException.class)
                .message()
                .matches(Pattern.quote(cut + ": entry 'rootfs/big' (at byte offset 1536 of the tar): content"
                                + " unreadable, the archive is truncated or corrupt (")
                        + ".*");
    }

    @Test
    void plainTarCutAtAHeaderBoundaryIsTruncated() throws Exception {
        byte[] tar = TarBuilder.aci().file("rootfs/a", "a").tar();
        Path cut = dir.resolve("cut.aci");
        Files.write(cut, Arrays.copyOf(tar, 2560));

        assertThatThrownBy(() -> new AciReader().read(cut))
                .isInstanceOf(AciFormatException.class)
                .hasMessage(cut + ": at byte offset 2560 of the tar: archive ends without the end-of-archive zero"
                        + " records: the file is truncated; download or build it again");
    }

    @Test
    void errorCarriesFileEntryAndOffset() throws Exception {
        Path aci = dir.resolve("dup.aci");
        Files.write(
                aci,
                TarBuilder.aci().file("rootfs/a", "1").file("rootfs/a", "2").tar());

        assertThatThrownBy(() -> new AciReader().read(aci)).isInstanceOfSatisfying(AciFormatException.class, e -> {
            assertThat(e.file()).isEqualTo(aci);
            assertThat(e.entryName()).isEqualTo("rootfs/a");
            assertThat(e.tarOffset()).isEqualTo(2560);
        });
    }

    private static Arguments bad(String description, TarBuilder tar, String message) {
        return bad(description, tar.gzip(), message);
    }

    private static Arguments bad(String description, byte[] archive, String message) {
        return arguments(named(description, archive), message);
    }
}
