package dev.stage1kvm.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stage1kvm.kernel.KernelBzImageTest;
import dev.stage1kvm.kernel.RequiredOptions;
import dev.stage1kvm.progress.RecordingListener;
import dev.stage1kvm.rootfs.StagedTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrebuiltKernelInputTest {

    private static final RequiredOptions REQUIRED = parse("""
            [9p root over virtio]
            reason: the pod's root is a host folder shared over 9p
            NET_9P 9P_FS

            [entropy]
            reason: systemd waits for the random pool
            HW_RANDOM_VIRTIO
            """);

    @TempDir
    Path temp;

    private final RecordingListener listener = new RecordingListener();

    @Test
    void eachRequiredOptionTheEmbeddedConfigLacksIsWarnedOfWithItsFeature() throws Exception {
        Path kernel = bzImage("CONFIG_NET_9P=y\nCONFIG_9P_FS=m\n");

        checked(kernel).addTo(new StagedTree());

        assertThat(listener.lines)
                .contains(
                        "WARN <kernel> " + kernel + " embeds a config that lacks 2 of the options a stage1 kernel"
                                + " needs; pods may fail to boot or run slowly:",
                        "WARN   CONFIG_9P_FS must be y, is m [9p root over virtio: the pod's root is a host folder"
                                + " shared over 9p]",
                        "WARN   CONFIG_HW_RANDOM_VIRTIO must be y, is absent [entropy: systemd waits for the random"
                                + " pool]");
    }

    @Test
    void aConfigWithEveryOptionIsSaidToHaveThem() throws Exception {
        Path kernel = bzImage("CONFIG_NET_9P=y\nCONFIG_9P_FS=y\nCONFIG_HW_RANDOM_VIRTIO=y\n");

        checked(kernel).addTo(new StagedTree());

        assertThat(listener.lines).containsExactly("INFO Kernel: <kernel> embeds a config with every required option");
    }

    @Test
    void aKernelWithoutAnEmbeddedConfigIsPlacedAndSaidToBeUnchecked() throws Exception {
        Path kernel = bzImage(null);
        StagedTree tree = new StagedTree();

        checked(kernel).addTo(tree);

        assertThat(listener.lines)
                .containsExactly(
                        "INFO Kernel: <kernel> embeds no config (CONFIG_IKCONFIG), so its options are not checked");
        assertThat(tree.entries()).containsKey("kernel_image");
    }

    private PrebuiltKernelInput checked(Path kernel) {
        return new PrebuiltKernelInput(kernel, "<kernel>", true).checkedAgainst(REQUIRED, listener);
    }

    /** A bzImage whose gzip payload holds the config between IKCONFIG's markers, as CONFIG_IKCONFIG=y lays it out. */
    private Path bzImage(String config) throws IOException {
        ByteArrayOutputStream vmlinux = new ByteArrayOutputStream();
        vmlinux.write(new byte[4096]);
        if (config != null) {
            vmlinux.write("IKCFG_ST".getBytes(StandardCharsets.US_ASCII));
            vmlinux.write(gzip(config.getBytes(StandardCharsets.UTF_8)));
            vmlinux.write("IKCFG_ED".getBytes(StandardCharsets.US_ASCII));
        }
        vmlinux.write(new byte[4096]);
        return Files.write(temp.resolve("bzImage"), KernelBzImageTest.bzImage(gzip(vmlinux.toByteArray()), 1));
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static RequiredOptions parse(String text) {
        try {
            return RequiredOptions.parse(text, "test list");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
