package dev.stage1kvm.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFolderTest {

    @TempDir
    Path tmp;

    private Path tree(String name) throws IOException {
        Path root = tmp.resolve(name);
        Files.createDirectories(root.resolve("scripts"));
        Files.writeString(root.resolve("Makefile"), "all:\n");
        Path script = Files.writeString(root.resolve("scripts/run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(root.resolve("scripts/link"), Path.of("run.sh"));
        return root;
    }

    @Test
    void theDigestFollowsContentNotPlaceTimesOrHistory() throws IOException {
        Path one = tree("one");
        Path two = tree("two");
        Files.setLastModifiedTime(two.resolve("Makefile"), FileTime.fromMillis(0));
        Files.createDirectories(two.resolve(".git/objects"));
        Files.writeString(two.resolve(".git/HEAD"), "ref: refs/heads/main\n");

        assertThat(SourceFolder.digest(two)).isEqualTo(SourceFolder.digest(one));
    }

    @Test
    void theDigestChangesWithAFilesBytesItsExecuteBitOrALinkTarget() throws IOException {
        String before = SourceFolder.digest(tree("base"));
        Path content = tree("content");
        Files.writeString(content.resolve("Makefile"), "all: x\n");
        Path mode = tree("mode");
        Files.setPosixFilePermissions(mode.resolve("scripts/run.sh"), PosixFilePermissions.fromString("rw-r--r--"));
        Path link = tree("link");
        Files.delete(link.resolve("scripts/link"));
        Files.createSymbolicLink(link.resolve("scripts/link"), Path.of("../Makefile"));

        assertThat(SourceFolder.digest(content)).isNotEqualTo(before);
        assertThat(SourceFolder.digest(mode)).isNotEqualTo(before);
        assertThat(SourceFolder.digest(link)).isNotEqualTo(before);
    }

    @Test
    void aCopyKeepsLinksAndExecuteBitsAndLeavesHistoryOut() throws IOException {
        Path source = tree("source");
        Files.createDirectories(source.resolve(".git"));

        int entries = SourceFolder.copy(source, tmp.resolve("copy"));

        Path copy = tmp.resolve("copy");
        assertThat(entries).isEqualTo(4);
        assertThat(Files.readSymbolicLink(copy.resolve("scripts/link"))).isEqualTo(Path.of("run.sh"));
        assertThat(Files.isExecutable(copy.resolve("scripts/run.sh"))).isTrue();
        assertThat(copy.resolve(".git")).doesNotExist();
        assertThat(SourceFolder.digest(copy)).isEqualTo(SourceFolder.digest(source));
    }
}
