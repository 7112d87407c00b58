package dev.stage1kvm.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppNamesTest {

    @Test
    void namesComeFromFileNamesWithoutImageSuffixesAndRepeatsGetANumber() {
        List<Path> images = List.of(
                Path.of("build/web-1.2.aci"),
                Path.of("/tmp/nginx.tar"),
                Path.of("nginx.tar.gz"),
                Path.of("oci/Alpine Linux_3.19/"),
                Path.of("--weird--.tgz"),
                Path.of(".aci"));

        assertThat(AppNames.of(images))
                .containsExactly("web-1.2", "nginx", "nginx-2", "alpine-linux_3.19", "weird", "aci");
    }
}
