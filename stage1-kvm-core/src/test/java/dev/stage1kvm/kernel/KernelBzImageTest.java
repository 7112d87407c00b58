package dev.stage1kvm.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

public class KernelBzImageTest {

    private static final String VERSION =
            "6.1.192 (stage1-kvm@stage1-kvm) #1 SMP PREEMPT_DYNAMIC Thu Jan 1 00:00:00 UTC 2026";
    private static final String CONFIG = "CONFIG_9P_FS=y\n# CONFIG_KERNEL_XZ is not set\nCONFIG_KERNEL_LZ4=y\n";

    /** The window CONFIG_KERNEL_ZSTD's {@code zstd -22 --ultra} writes its payload with: 2^27 bytes. */
    private static final int KERNEL_ZSTD_WINDOW_LOG = 27;

    enum Compression {
        GZIP,
        XZ,
        LZ4,
        BZIP2,
        ZSTD
    }

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Compression.class)
    void readsVersionAndEmbeddedConfig(Compression compression) throws Exception {
        Path file = writeBzImage(payload(vmlinux(true, 1 << 16), compression), 1);

        BzImage image = BzImage.read(file);

        assertThat(image.versionString()).isEqualTo(VERSION);
        assertThat(image.kernelRelease()).isEqualTo("6.1.192");
        assertThat(image.protocolVersion()).isEqualTo(0x020f);
        assertThat(image.payloadFormat().name()).isEqualTo(compression.name());
        assertThat(image.embeddedConfig()).contains(KernelConfig.parse(CONFIG, "expected"));
    }

    @Test
    void lz4ConfigBeyondTheFirst8MibBlockIsFound() throws Exception {
        Path file = writeBzImage(payload(vmlinux(true, 9 << 20), Compression.LZ4), 0);

        BzImage image = BzImage.read(file);

        assertThat(image.embeddedConfig()).contains(KernelConfig.parse(CONFIG, "expected"));
    }

    @Test
    void kernelWithoutIkconfigHasNoEmbeddedConfig() throws Exception {
        Path file = writeBzImage(payload(vmlinux(false, 1 << 16), Compression.GZIP), 1);

        assertThat(BzImage.read(file).embeddedConfig()).isEmpty();
    }

    @Test
    void zstdKernelWithoutIkconfigIsReadToTheEndOfItsFrame() throws Exception {
        Path file = writeBzImage(payload(vmlinux(false, 1 << 16), Compression.ZSTD), 1);

        assertThat(BzImage.read(file).embeddedConfig()).isEmpty();
    }

    @Test
    void truncatedZstdPayloadIsNamedWithItsOffset() throws Exception {
        byte[] frame = payload(vmlinux(true, 1 << 16), Compression.ZSTD);
        Path file = writeBzImage(Arrays.copyOf(frame, frame.length / 2), 1);

        assertThatThrownBy(() -> BzImage.read(file).embeddedConfig())
                .isInstanceOfSatisfying(
                        BzImageFormatException.class,
                        e -> assertThat(e.offset()).isEqualTo(2 * 512 + 0x40))
                .hasMessageContaining("cannot decompress the ZSTD payload");
    }

    @Test
    void lzoPayloadIsNamedAsUnsupported() throws Exception {
        byte[] lzoLike = {(byte) 0x89, 'L', 'Z', 'O', 0, 0x0d, 0x0a, 0x1a};
        Path file = writeBzImage(lzoLike, 1);

        assertThat(BzImage.read(file).payloadFormat()).isEqualTo(BzImage.PayloadFormat.LZO);
        assertThatThrownBy(() -> BzImage.read(file).embeddedConfig())
                .isInstanceOf(BzImageFormatException.class)
                .hasMessageContaining("LZO");
    }

    @Test
    void elfFileIsNotABzImage() {
        assertThatThrownBy(() -> BzImage.read(Path.of("/bin/ls")))
                .isInstanceOfSatisfying(BzImageFormatException.class, e -> {
                    assertThat(e.offset()).isEqualTo(0x202);
                    assertThat(e.file()).isEqualTo("/bin/ls");
                })
                .hasMessageContaining("\"HdrS\"");
    }

    @Test
    void shortFileIsNotABzImage() throws IOException {
        Path file = Files.writeString(tmp.resolve("short"), "hello");

        assertThatThrownBy(() -> BzImage.read(file))
                .isInstanceOf(BzImageFormatException.class)
                .hasMessageContaining("5 bytes");
    }

    @Test
    void payloadPastTheEndIsReported() throws Exception {
        Path file = writeBzImage(payload(vmlinux(true, 1024), Compression.GZIP), 1);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(0x24c, bytes.length);
        Files.write(file, bytes);

        assertThatThrownBy(() -> BzImage.read(file).embeddedConfig())
                .isInstanceOfSatisfying(
                        BzImageFormatException.class,
                        e -> assertThat(e.offset()).isEqualTo(0x248));
    }

    /** A stand-in vmlinux: filler, then (optionally) the IKCONFIG markers around the gzipped config, then filler. */
    private static byte[] vmlinux(boolean withConfig, int fillerBytes) throws IOException {
        return vmlinux(withConfig ? CONFIG : null, fillerBytes);
    }

    static byte[] vmlinux(String config, int fillerBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] filler = new byte[fillerBytes];
        Random random = new Random(42);
        for (int i = 0; i < filler.length; i++) {
            filler[i] = (byte) ("IKCFG_S abcdefgh".charAt(random.nextInt(16)));
        }
        out.write(filler);
        if (config != null) {
            out.write("IKCFG_ST".getBytes(StandardCharsets.US_ASCII));
            out.write(compress(config.getBytes(StandardCharsets.UTF_8), Compression.GZIP));
            out.write("IKCFG_ED".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(filler, 0, Math.min(4096, filler.length));
        return out.toByteArray();
    }

    private byte[] compressWithLz4Tool(byte[] data) throws Exception {
        Path in = Files.write(tmp.resolve("vmlinux.bin"), data);
        Path out = tmp.resolve("vmlinux.bin.lz4");
        Process lz4 = new ProcessBuilder("lz4", "-l", "-9", "-f", in.toString(), out.toString())
                .redirectErrorStream(true)
                .start();
        lz4.getInputStream().readAllBytes();
        assertThat(lz4.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(lz4.exitValue()).isZero();
        return Files.readAllBytes(out);
    }

    static byte[] compress(byte[] data, Compression compression) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = switch (compression) {
            case GZIP -> new GZIPOutputStream(bytes);
            case XZ -> new XZOutputStream(bytes, new LZMA2Options());
            case BZIP2 -> new BZip2CompressorOutputStream(bytes);
            case ZSTD ->
                ZstdCompressorOutputStream.builder()
                        .setOutputStream(bytes)
                        .setWindowLog(KERNEL_ZSTD_WINDOW_LOG)
                        .get();
            case LZ4 -> throw new IllegalArgumentException("lz4 goes through the lz4 tool");
        }) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private byte[] payload(byte[] data, Compression compression) throws Exception {
        return compression == Compression.LZ4 ? compressWithLz4Tool(data) : compress(data, compression);
    }

    private Path writeBzImage(byte[] payload, int setupSects) throws IOException {
        return Files.write(tmp.resolve("bzImage"), bzImage(payload, setupSects));
    }

    /**
     * Lays out a bzImage as boot.rst describes: boot sector and setup (setupSects + 1 sectors), then the protected-mode
     * part whose payload starts payload_offset bytes in; the kernel's 4-byte size trailer ends the payload.
     */
    public static byte[] bzImage(byte[] payload, int setupSects) {
        int payloadOffset = 0x40;
        int protectedModeStart = ((setupSects == 0 ? 4 : setupSects) + 1) * 512;
        byte[] trailer = ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(123456)
                .array();
        ByteBuffer b = ByteBuffer.allocate(protectedModeStart + payloadOffset + payload.length + 4 + 64)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(0x1f1, (byte) setupSects).putShort(0x1fe, (short) 0xAA55);
        b.put(0x202, "HdrS".getBytes(StandardCharsets.US_ASCII)).putShort(0x206, (short) 0x020f);
        b.putShort(0x20e, (short) 0x100).put(0x300, (VERSION + "\0").getBytes(StandardCharsets.US_ASCII));
        b.putInt(0x248, payloadOffset).putInt(0x24c, payload.length + 4);
        b.put(protectedModeStart + payloadOffset, payload);
        b.put(protectedModeStart + payloadOffset + payload.length, trailer);
        return b.array();
    }
}
