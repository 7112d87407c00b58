package dev.stage1kvm.aci;

import static dev.stage1kvm.aci.SampleTrees.MANIFEST;
import static dev.stage1kvm.aci.SampleTrees.MTIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How staged hard links become tar hard links: the first name of a group carries the bytes. */
class AciHardLinkTest {

    @TempDir
    Path dir;

    @Test
    void groupOfThreeNamesKeepsOneCopyOfTheBytesUnderTheFirstName() throws Exception {
        StagedTree tree = new StagedTree();
        tree.put("m/file", SampleTrees.bytes("payload\n", 0755));
        tree.put("z/late", new StagedEntry.HardLink("m/file"));
        tree.put("a/early", new StagedEntry.HardLink("z/late"));

        AciContents contents = writeAndRead(tree);

        assertThat(contents.entries())
                .filteredOn(entry -> entry.name().matches("rootfs/./.*"))
                .extracting(AciEntry::name, AciEntry::type, AciEntry::sizeBytes, AciEntry::linkTarget)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("rootfs/a/early", AciEntry.Type.FILE, 8L, null),
                        org.assertj.core.groups.Tuple.tuple(
                                "rootfs/m/file", AciEntry.Type.HARDLINK, 0L, "rootfs/a/early"),
                        org.assertj.core.groups.Tuple.tuple(
                                "rootfs/z/late", AciEntry.Type.HARDLINK, 0L, "rootfs/a/early"));
    }

    @Test
    void extractedGroupSharesOneInode() throws Exception {
        StagedTree tree = new StagedTree();
        tree.put("m/file", SampleTrees.bytes("payload\n", 0644));
        tree.put("a/early", new StagedEntry.HardLink("m/file"));
        Path aci = new AciWriter(BuildListener.SILENT)
                .write(dir.resolve("image.aci"), MANIFEST, tree, Compression.XZ, MTIME)
                .path();

        new AciReader().extract(aci, dir.resolve("out"));

        Path rootfs = dir.resolve("out/rootfs");
        assertThat(Files.isSameFile(rootfs.resolve("m/file"), rootfs.resolve("a/early")))
                .isTrue();
        assertThat(Files.readString(rootfs.resolve("m/file"))).isEqualTo("payload\n");
    }

    @Test
    void linksThatLoopAreRefused() {
        StagedTree tree = new StagedTree();
        tree.put("a", new StagedEntry.HardLink("b"));
        tree.put("b", new StagedEntry.HardLink("a"));

        assertThatThrownBy(() -> new AciWriter(BuildListener.SILENT)
                        .write(dir.resolve("image.aci"), MANIFEST, tree, Compression.NONE, MTIME))
                .isInstanceOf(BrokenHardLinkException.class)
                .hasMessageStartingWith("hard link rootfs/a -> rootfs/b: the links form a loop");
    }

    @Test
    void linkToADirectoryIsRefused() {
        StagedTree tree = new StagedTree();
        tree.put("etc", new StagedEntry.Directory(0755));
        tree.put("link", new StagedEntry.HardLink("etc"));

        assertThatThrownBy(() -> new AciWriter(BuildListener.SILENT)
                        .write(dir.resolve("image.aci"), MANIFEST, tree, Compression.NONE, MTIME))
                .isInstanceOf(BrokenHardLinkException.class)
                .hasMessageStartingWith("hard link rootfs/link -> rootfs/etc: the target is not a regular file");
    }

    private AciContents writeAndRead(StagedTree tree) throws Exception {
        Path aci = new AciWriter(BuildListener.SILENT)
                .write(dir.resolve("image.aci"), MANIFEST, tree, Compression.GZIP, MTIME)
                .path();
        return new AciReader().read(aci);
    }
}
