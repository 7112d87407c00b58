package dev.stage1kvm.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RootfsIndexTest {

    private final RootfsIndex index = new StagedTree()
            .put("/usr/lib/x86_64-linux-gnu/libc.so.6", file())
            .put("/lib", new StagedEntry.Symlink("usr/lib"))
            .put("/lib64", new StagedEntry.Symlink("/usr/lib64"))
            .put("/usr/lib64/ld-linux-x86-64.so.2", new StagedEntry.Symlink("../lib/x86_64-linux-gnu/ld.so"))
            .put("/usr/lib/x86_64-linux-gnu/ld.so", file())
            .put("/loop", new StagedEntry.Symlink("loop"))
            .put("/up", new StagedEntry.Symlink("usr/../../etc"))
            .put("/dangling", new StagedEntry.Symlink("nowhere"))
            .index();

    @Test
    void followsLinksInTheMiddleAndAtTheEndOfAPath() {
        assertThat(index.resolve("/lib64/ld-linux-x86-64.so.2"))
                .isInstanceOfSatisfying(
                        RootfsIndex.Found.class,
                        found -> assertThat(found.path()).isEqualTo("usr/lib/x86_64-linux-gnu/ld.so"));
        assertThat(index.resolve("lib/x86_64-linux-gnu/libc.so.6")).isInstanceOf(RootfsIndex.Found.class);
    }

    @Test
    void reportsLoopsEscapesAndMissingTargets() {
        assertThat(index.resolve("loop")).isInstanceOf(RootfsIndex.Loop.class);
        assertThat(index.resolve("up")).isInstanceOf(RootfsIndex.Escapes.class);
        assertThat(index.resolve("dangling")).isEqualTo(new RootfsIndex.Missing("nowhere"));
    }

    private static StagedEntry file() {
        return new StagedEntry.RegularFile(new StagedEntry.Bytes(new byte[0]), 0, 0644);
    }
}
