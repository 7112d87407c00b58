package dev.stage1kvm.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.progress.BuildListener;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KernelRequiredOptionsTest {

    private static final Path SHIPPED_LIST = KernelConfigTest.RESOURCES.resolve("required-options.txt");

    @Test
    void shippedListHasAGroupPerFeatureWithReasons() throws IOException {
        RequiredOptions list = RequiredOptions.read(SHIPPED_LIST);

        assertThat(list.groups())
                .extracting(RequiredOptions.Group::feature)
                .contains("9p root over virtio", "syscalls systemd needs", "cgroups", "/dev/port");
        assertThat(list.groups()).allSatisfy(g -> assertThat(g.reason()).isNotBlank());
        assertThat(list.groupsFor("arm64"))
                .extracting(RequiredOptions.Group::feature)
                .contains("PL011 console")
                .doesNotContain("8250 console", "/dev/port", "LZ4 kernel compression");
    }

    @Test
    void referenceConfigLacksOnlyTheVirtioRng() throws IOException {
        RequiredOptions list = RequiredOptions.read(SHIPPED_LIST);
        KernelConfig reference = KernelConfig.read(KernelConfigTest.REFERENCE_CONFIG);

        assertThat(list.check(reference, "amd64"))
                .extracting(m -> m.option().name() + "=" + m.actualValue())
                .containsExactly("HW_RANDOM=n", "HW_RANDOM_VIRTIO=null");
    }

    @Test
    void referenceConfigWithTheAmd64FragmentMeetsTheList() throws IOException {
        RequiredOptions list = RequiredOptions.read(SHIPPED_LIST);
        KernelConfig fragment = KernelConfig.read(KernelConfigTest.RESOURCES.resolve("stage1-amd64.fragment"));
        KernelConfig merged = KernelConfig.read(KernelConfigTest.REFERENCE_CONFIG)
                .mergedWith(fragment, "stage1-amd64.fragment", BuildListener.SILENT);

        assertThat(list.check(merged, "amd64")).isEmpty();
    }

    @Test
    void messageListsEachMissingOptionWithFeatureAndReason() throws IOException {
        RequiredOptions list = RequiredOptions.parse(
                "[overlayfs]\nreason: app layers\nOVERLAY_FS\n[9p]\nreason: the root\nNET_9P 9P_FS\n", "list");
        KernelConfig config = KernelConfig.parse("CONFIG_OVERLAY_FS=m\nCONFIG_NET_9P=y\n", "c");

        assertThatThrownBy(() -> list.requireAll(config, "amd64", "build/.config"))
                .isInstanceOfSatisfying(
                        MissingKernelOptionsException.class,
                        e -> assertThat(e.missing()).hasSize(2))
                .hasMessageContaining("kernel config build/.config (amd64) lacks 2 required options:")
                .hasMessageContaining("CONFIG_OVERLAY_FS must be y, is m [overlayfs: app layers]")
                .hasMessageContaining("CONFIG_9P_FS must be y, is absent [9p: the root]");
    }

    @Test
    void exactValuesAndArchitecturesAreHonoured() throws IOException {
        RequiredOptions list = RequiredOptions.parse(
                "[cpus]\nreason: r\narch: arm64\nNR_CPUS=64\n[console]\nreason: r\narch: amd64\nSERIAL_8250\n", "l");
        KernelConfig config = KernelConfig.parse("CONFIG_NR_CPUS=16\n", "c");

        assertThat(list.check(config, "arm64"))
                .extracting(m -> m.option().name())
                .containsExactly("NR_CPUS");
        assertThat(list.check(config, "amd64"))
                .extracting(m -> m.option().name())
                .containsExactly("SERIAL_8250");
    }

    @Test
    void groupWithoutReasonIsRejected() {
        assertThatThrownBy(() -> RequiredOptions.parse("[tmpfs]\nTMPFS\n", "list.txt"))
                .isInstanceOf(KernelConfigException.class)
                .hasMessageContaining("list.txt:1")
                .hasMessageContaining("reason:");
    }

    @Test
    void optionOutsideAGroupIsRejected() {
        assertThatThrownBy(() -> RequiredOptions.parse("TMPFS\n", "list.txt"))
                .isInstanceOf(KernelConfigException.class)
                .hasMessageContaining("'[feature]'");
    }
}
