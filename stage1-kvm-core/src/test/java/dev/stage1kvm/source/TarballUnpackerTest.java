package dev.stage1kvm.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class TarballUnpackerTest {

    @TempDir
    Path tmp;

    @Test
    void unpacksXzTarballStrippingTheTopFolder() throws IOException {
        Path tarball = tarball(
                new Entry("linux-1/", null, null),
                new Entry("linux-1/Makefile", "all:\n", null),
                new Entry("linux-1/scripts/run.sh", "#!/bin/sh\n", null).mode(0755),
                new Entry("linux-1/Documentation/Changes", null, "process/changes.rst"));
        Path target = tmp.resolve("src");

        int count = TarballUnpacker.unpack(tarball, target, true);

        assertThat(count).isEqualTo(3);
        assertThat(target.resolve("Makefile")).hasContent("all:");
        assertThat(Files.getPosixFilePermissions(target.resolve("scripts/run.sh")))
                .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(Files.readSymbolicLink(target.resolve("Documentation/Changes")))
                .isEqualTo(Path.of("process/changes.rst"));
    }

    @Test
    void dotDotEntryIsRefused() throws IOException {
        Path tarball = tarball(new Entry("top/../../evil", "x", null));

        assertThatThrownBy(() -> TarballUnpacker.unpack(tarball, tmp.resolve("src"), true))
                .hasMessageContaining("entry 'top/../../evil'")
                .hasMessageContaining("without '..'");
        assertThat(tmp.resolve("evil")).doesNotExist();
    }

    @Test
    void symlinkLeadingOutIsRefused() throws IOException {
        Path tarball = tarball(new Entry("top/link", null, "../../outside"));

        assertThatThrownBy(() -> TarballUnpacker.unpack(tarball, tmp.resolve("src"), true))
                .hasMessageContaining("a symlink that stays inside");
    }

    @Test
    void writeThroughASymlinkIsRefused() throws IOException {
        Files.createDirectories(tmp.resolve("src/real"));
        Path tarball = tarball(new Entry("top/d", null, "real"), new Entry("top/d/file", "x", null));

        assertThatThrownBy(() -> TarballUnpacker.unpack(tarball, tmp.resolve("src"), true))
                .hasMessageContaining("no symlink among its parent folders");
        assertThat(tmp.resolve("src/real/file")).doesNotExist();
    }

    private record Entry(String name, String content, String linkTarget, int mode) {
        Entry(String name, String content, String linkTarget) {
            this(name, content, linkTarget, 0644);
        }

        Entry mode(int newMode) {
            return new Entry(name, content, linkTarget, newMode);
        }
    }

    private Path tarball(Entry... entries) throws IOException {
        Path file = tmp.resolve("source.tar.xz");
        try (OutputStream xz = new XZOutputStream(Files.newOutputStream(file), new LZMA2Options());
                TarArchiveOutputStream tar = new TarArchiveOutputStream(xz)) {
            for (Entry e : entries) {
                TarArchiveEntry entry = e.linkTarget() != null
                        ? new TarArchiveEntry(e.name(), TarArchiveEntry.LF_SYMLINK)
                        : new TarArchiveEntry(e.name());
                byte[] bytes = e.content() == null ? new byte[0] : e.content().getBytes(StandardCharsets.UTF_8);
                if (e.linkTarget() != null) {
                    entry.setLinkName(e.linkTarget());
                } else if (e.content() != null) {
                    entry.setSize(bytes.length);
                    entry.setMode(0100000 | e.mode());
                }
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }
}
