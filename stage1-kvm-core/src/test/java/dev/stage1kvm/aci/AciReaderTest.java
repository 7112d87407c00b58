package dev.stage1kvm.aci;

import static dev.stage1kvm.aci.SampleTrees.LONG_NAME;
import static dev.stage1kvm.aci.SampleTrees.MANIFEST;
import static dev.stage1kvm.aci.SampleTrees.MTIME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stage1kvm.progress.BuildListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AciReaderTest {

    @TempDir
    Path dir;

    private final AciReader reader = new AciReader();

    @ParameterizedTest(name = "{0}: reads back what the writer wrote, with the same image ID")
    @EnumSource(Compression.class)
    void readsWhatTheWriterWrote(Compression compression) throws Exception {
        AciResult written = new AciWriter(BuildListener.SILENT)
                .write(dir.resolve("image.aci"), MANIFEST, SampleTrees.sample(dir), compression, MTIME);

        AciContents contents = reader.read(written.path());

        assertThat(contents.compression()).isEqualTo(compression);
        assertThat(contents.imageId()).isEqualTo(written.imageId());
        assertThat(contents.manifestJson()).isEqualTo(MANIFEST);
        assertThat(contents.entries()).hasSize(19).allSatisfy(entry -> {
            assertThat(entry.mtime()).isEqualTo(MTIME);
            assertThat(entry.uid()).isZero();
            assertThat(entry.gid()).isZero();
            assertThat(entry.userName()).isEqualTo("root");
        });
        assertThat(contents.entries().get(0).name()).isEqualTo("manifest");
        assertThat(contents.entries().get(1).name()).isEqualTo("rootfs");
        assertThat(contents.entries())
                .anySatisfy(entry -> assertThat(entry)
                        .extracting(AciEntry::name, AciEntry::type, AciEntry::linkTarget)
                        .containsExactly(
                                "rootfs/usr/lib/libc.so.6", AciEntry.Type.HARDLINK, "rootfs/usr/lib/libc-2.so"));
        assertThat(contents.entries())
                .anySatisfy(entry -> assertThat(entry)
                        .extracting(AciEntry::name, AciEntry::type, AciEntry::mode, AciEntry::sizeBytes)
                        .containsExactly("rootfs/usr/bin/su", AciEntry.Type.FILE, 04755, 1000L));
    }

    @Test
    void entryOffsetsPointAtTheirHeadersInTheTar() throws Exception {
        Path aci = new AciWriter(BuildListener.SILENT)
                .write(dir.resolve("image.aci"), MANIFEST, SampleTrees.sample(dir), Compression.NONE, MTIME)
                .path();
        byte[] tar = Files.readAllBytes(aci);

        AciContents contents = reader.read(aci);

        assertThat(contents.entries())
                .filteredOn(entry -> entry.name().length() < 90)
                .allSatisfy(entry -> {
                    int offset = (int) entry.tarOffset();
                    String headerName =
                            new String(Arrays.copyOfRange(tar, offset, offset + 100), StandardCharsets.UTF_8);
                    assertThat(headerName).startsWith(entry.name());
                });
        assertThat(contents.entries())
                .filteredOn(entry -> entry.name().equals("rootfs/" + LONG_NAME))
                .singleElement()
                .satisfies(
                        entry -> assertThat(tar[(int) entry.tarOffset() + 156]).isEqualTo((byte) '0'));
    }

    @Test
    void acceptsDevicesAndFifosWhenOnlyReading() throws Exception {
        Path aci = dir.resolve("dev.aci");
        Files.write(
                aci,
                TarBuilder.aci()
                        .special("rootfs/dev/null", (byte) '3')
                        .special("rootfs/dev/sda", (byte) '4')
                        .special("rootfs/run/fifo", (byte) '6')
                        .gzip());

        assertThat(reader.read(aci).entries())
                .extracting(AciEntry::type)
                .containsExactly(
                        AciEntry.Type.FILE,
                        AciEntry.Type.DIRECTORY,
                        AciEntry.Type.CHAR_DEVICE,
                        AciEntry.Type.BLOCK_DEVICE,
                        AciEntry.Type.FIFO);
    }

    @ParameterizedTest(name = "GNU tar archive, {0}: read with the image ID of its tar, and extracted")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"--format=gnu", "--format=posix", "--format=ustar"})
    void readsAndExtractsWhatGnuTarWrote(String format) throws Exception {
        Path layout = Files.createDirectories(dir.resolve("layout/rootfs/usr/bin"));
        Files.write(dir.resolve("layout/manifest"), MANIFEST);
        Files.writeString(layout.resolve("tool"), "#!/bin/sh\n");
        Files.createLink(layout.resolve("tool-alias"), layout.resolve("tool"));
        Files.createSymbolicLink(dir.resolve("layout/rootfs/bin"), Path.of("usr/bin"));
        Path aci = dir.resolve("gnu.aci");
        ArchiveTools.run(
                "tar",
                format,
                "--sort=name",
                "-C",
                dir.resolve("layout").toString(),
                "-czf",
                aci.toString(),
                "manifest",
                "rootfs");

        AciContents contents = reader.extract(aci, dir.resolve("out"));

        assertThat(contents.imageId()).isEqualTo(ArchiveTools.sha512Id(ArchiveTools.decompress(aci, Compression.GZIP)));
        assertThat(contents.manifestJson()).isEqualTo(MANIFEST);
        assertThat(contents.entries()).extracting(AciEntry::name).contains("rootfs/usr/bin/tool-alias");
        Path rootfs = dir.resolve("out/rootfs");
        assertThat(Files.isSameFile(rootfs.resolve("usr/bin/tool"), rootfs.resolve("usr/bin/tool-alias")))
                .isTrue();
        assertThat(Files.readSymbolicLink(rootfs.resolve("bin"))).isEqualTo(Path.of("usr/bin"));
    }

    @Test
    void imageIdCoversTheWholeTarIncludingItsPadding() throws Exception {
        byte[] tar = TarBuilder.aci().file("rootfs/a", "x".repeat(700)).tar();
        Path aci = dir.resolve("plain.aci");
        Files.write(aci, tar);

        assertThat(reader.read(aci).imageId()).isEqualTo(ArchiveTools.sha512Id(tar));
    }
}
