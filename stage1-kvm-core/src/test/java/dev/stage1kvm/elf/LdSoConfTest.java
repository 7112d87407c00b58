package dev.stage1kvm.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LdSoConfTest {

    @TempDir
    Path rootfs;

    @Test
    void noConfigMeansNoFolders() throws IOException {
        assertThat(LdSoConf.folders(new RootfsResolver(rootfs))).isEmpty();
    }

    @Test
    void relativeIncludesHwcapLinesAndSeveralFoldersPerLine() throws IOException {
        write("etc/ld.so.conf", "hwcap 1 nosegneg\ninclude conf.d/*.conf\n/opt/a:/opt/b, /opt/c/\n/opt/a\n");
        write("etc/conf.d/x.conf", "/usr/local/lib\n");

        assertThat(LdSoConf.folders(new RootfsResolver(rootfs)))
                .containsExactly("/usr/local/lib", "/opt/a", "/opt/b", "/opt/c");
    }

    @Test
    void configReachedThroughAnAbsoluteSymlinkStaysInTheRootfs() throws IOException {
        write("usr/share/conf/ld.so.conf", "/opt/inside\n");
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createSymbolicLink(rootfs.resolve("etc/ld.so.conf"), Path.of("/usr/share/conf/ld.so.conf"));

        assertThat(LdSoConf.folders(new RootfsResolver(rootfs))).containsExactly("/opt/inside");
    }

    @Test
    void includeLoopIsReported() throws IOException {
        write("etc/ld.so.conf", "include /etc/ld.so.conf\n");

        assertThatThrownBy(() -> LdSoConf.folders(new RootfsResolver(rootfs)))
                .hasMessageContaining("includes nest deeper than")
                .hasMessageContaining(rootfs.toString());
    }

    private void write(String guestPath, String text) throws IOException {
        Path target = rootfs.resolve(guestPath);
        Files.createDirectories(target.getParent());
        Files.writeString(target, text, StandardCharsets.UTF_8);
    }
}
