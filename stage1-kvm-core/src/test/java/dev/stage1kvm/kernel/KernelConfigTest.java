package dev.stage1kvm.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.progress.BuildListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelConfigTest {

    /** The final config of a purpose-built 6.1.192 kernel that booted a 9p root (project reference material). */
    static final Path REFERENCE_CONFIG = Path.of("src/test/resources/dev/stage1kvm/kernel/stage1-amd64-6.1.192.config");

    static final Path RESOURCES = Path.of("../kernel-config/src/main/resources/dev/stage1kvm/kernel");

    @Test
    void readsAFinalConfigOfARealKernel() throws IOException {
        KernelConfig config = KernelConfig.read(REFERENCE_CONFIG);

        assertThat(config.values().values().stream().filter(v -> !v.equals(KernelConfig.NOT_SET)))
                .hasSize(837);
        assertThat(config.values().values().stream().filter(v -> v.equals("y"))).hasSize(774);
        assertThat(config.value("CONFIG_NR_CPUS")).contains("16");
        assertThat(config.value("PHYSICAL_START")).contains("0x1000000");
        assertThat(config.value("CC_VERSION_TEXT")).contains("\"gcc (Debian 12.2.0-14+deb12u1) 12.2.0\"");
        assertThat(config.value("KERNEL_XZ")).contains(KernelConfig.NOT_SET);
        assertThat(config.isBuiltIn("KERNEL_LZ4")).isTrue();
        assertThat(config.value("NO_SUCH_OPTION")).isEmpty();
    }

    @Test
    void formatThenParseGivesTheSameConfig() throws IOException {
        KernelConfig config = KernelConfig.read(REFERENCE_CONFIG);

        assertThat(KernelConfig.parse(config.format(), "formatted")).isEqualTo(config);
    }

    @Test
    void laterFragmentWinsLikeMergeConfig() throws IOException {
        KernelConfig base =
                KernelConfig.parse("CONFIG_A=y\nCONFIG_B=y\n# CONFIG_C is not set\nCONFIG_D=\"x\"\n", "base");
        KernelConfig fragment = KernelConfig.parse("# CONFIG_B is not set\nCONFIG_C=y\nCONFIG_E=m\n", "frag");
        List<String> redefinitions = new ArrayList<>();

        KernelConfig merged = base.mergedWith(fragment, "frag", debugInto(redefinitions));

        assertThat(merged.format())
                .isEqualTo("CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_C=y\nCONFIG_D=\"x\"\nCONFIG_E=m\n");
        assertThat(redefinitions)
                .containsExactly("CONFIG_B redefined by frag: y -> n", "CONFIG_C redefined by frag: n -> y");
        assertThat(base.isBuiltIn("B")).isTrue();
    }

    @Test
    void unreadableLineIsNamedWithItsNumber() {
        assertThatThrownBy(() -> KernelConfig.parse("CONFIG_A=y\n\nCONFIG_B y\n", "my.fragment"))
                .isInstanceOfSatisfying(KernelConfigException.class, e -> {
                    assertThat(e.lineNumber()).isEqualTo(3);
                    assertThat(e.line()).isEqualTo("CONFIG_B y");
                })
                .hasMessageStartingWith("my.fragment:3: expected");
    }

    @Test
    void unquotedStringValueIsRejected() {
        assertThatThrownBy(() -> KernelConfig.parse("CONFIG_LOCALVERSION=-rkt\n", "f"))
                .isInstanceOf(KernelConfigException.class)
                .hasMessageContaining("quoted string");
    }

    @Test
    void shippedFragmentsParse() throws IOException {
        KernelConfig amd64 = KernelConfig.read(RESOURCES.resolve("stage1-amd64.fragment"));
        KernelConfig arm64 = KernelConfig.read(RESOURCES.resolve("stage1-arm64.fragment"));

        assertThat(amd64.isBuiltIn("KERNEL_LZ4")).isTrue();
        assertThat(amd64.value("KERNEL_XZ")).contains(KernelConfig.NOT_SET);
        assertThat(arm64.isBuiltIn("SERIAL_AMBA_PL011_CONSOLE")).isTrue();
        assertThat(arm64.value("KVM_GUEST")).isEmpty();
    }

    static BuildListener debugInto(List<String> lines) {
        return new BuildListener() {
            @Override
            public void info(String message) {}

            @Override
            public void debug(String message) {
                lines.add(message);
            }

            @Override
            public void warn(String message) {}
        };
    }
}
