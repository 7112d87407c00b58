package dev.stage1kvm.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RootfsPathTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"/usr/bin/env, usr/bin/env", "usr//lib/./x, usr/lib/x", "etc/, etc"})
    void normalizes(String input, String expected) {
        assertThat(RootfsPath.normalize(input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}] is refused")
    @CsvSource({"/, names the rootfs itself", "a/../b, must not contain '..'", "'', names the rootfs itself"})
    void refuses(String input, String message) {
        assertThatThrownBy(() -> RootfsPath.normalize(input)).hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "usr/bin/sh, dash, usr/bin/dash",
        "lib, usr/lib, usr/lib",
        "etc/mtab, ../proc/self/mounts, proc/self/mounts",
        "usr/lib/x, /etc/passwd, etc/passwd",
        "a, ../b, ",
        "a/b, ../../../c, "
    })
    void resolvesLinksWithoutEscaping(String link, String target, String expected) {
        assertThat(RootfsPath.resolveLink(link, target)).isEqualTo(expected);
    }

    @Test
    void ordersFoldersBeforeTheirChildrenAndByBytes() {
        List<String> paths = new ArrayList<>(List.of("a-b", "a/z", "a", "B", "a/b/c"));

        paths.sort(RootfsPath.ORDER);

        assertThat(paths).containsExactly("B", "a", "a/b/c", "a/z", "a-b");
    }
}
