package dev.stage1kvm.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsFolderTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryKindOfEntryAndReplacesWhatTheFolderHeldBefore() throws IOException {
        Path hostFile = Files.writeString(dir.resolve("blob"), "from the cache");
        Path folder = dir.resolve("work/rootfs");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("stale"), "left from the last build");
        StagedTree tree = new StagedTree()
                .put("usr/lib/libx.so.1", file(new StagedEntry.HostFile(hostFile)))
                .put("usr/lib/libx.so", new StagedEntry.Symlink("libx.so.1"))
                .put("usr/lib/hard", new StagedEntry.HardLink("usr/lib/libx.so.1"))
                .put("etc/ld.so.conf", file(new StagedEntry.Bytes("/usr/lib\n".getBytes(StandardCharsets.UTF_8))))
                .put("lib", new StagedEntry.Symlink("/usr/lib"))
                .put("empty", new StagedEntry.Directory(0755));

        RootfsFolder.write(tree, folder);

        assertThat(folder.resolve("stale")).doesNotExist();
        assertThat(folder.resolve("usr/lib/libx.so.1")).hasContent("from the cache");
        assertThat(folder.resolve("usr/lib/hard")).hasContent("from the cache");
        assertThat(Files.readSymbolicLink(folder.resolve("usr/lib/libx.so"))).hasToString("libx.so.1");
        assertThat(Files.readSymbolicLink(folder.resolve("lib"))).hasToString("/usr/lib");
        assertThat(folder.resolve("etc/ld.so.conf")).hasContent("/usr/lib");
        assertThat(Files.isDirectory(folder.resolve("empty"), LinkOption.NOFOLLOW_LINKS))
                .isTrue();

        RootfsFolder.delete(folder);

        assertThat(folder).doesNotExist();
        assertThat(hostFile).hasContent("from the cache");
    }

    private static StagedEntry.RegularFile file(StagedEntry.Content content) {
        return new StagedEntry.RegularFile(content, 0, 0644);
    }
}
