package dev.stage1kvm.aci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CompressionTest {

    @ParameterizedTest(name = "parse(\"{0}\") = {1}")
    @CsvSource({"gzip, GZIP", "GZIP, GZIP", "Xz, XZ", "bzip2, BZIP2", "none, NONE", "' gzip ', GZIP"})
    void parsesNamesCaseInsensitively(String name, Compression expected) {
        assertThat(Compression.parse(name)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "parse(\"{0}\") is rejected")
    @ValueSource(strings = {"zstd", "ZSTD", "lz4", "gz", "", "bz2"})
    void rejectsOtherNamesListingTheAllowedOnes(String name) {
        assertThatThrownBy(() -> Compression.parse(name))
                .isInstanceOf(UnsupportedCompressionException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected one of gzip, xz, bzip2, none")
                .satisfies(e -> assertThat(((UnsupportedCompressionException) e).rejectedValue())
                        .isEqualTo(name));
    }

    @ParameterizedTest(name = "parse(\"zstd\") explains that rkt cannot open it")
    @ValueSource(strings = {"zstd"})
    void zstdIsRejectedWithTheReason(String name) {
        assertThatThrownBy(() -> Compression.parse(name)).hasMessageContaining("rkt cannot open zstd");
    }

    @ParameterizedTest(name = "magic {0} is {1}")
    @CsvSource({"1f8b0800, GZIP", "fd377a585a0000, XZ", "425a6839314159, BZIP2"})
    void detectsCompressedFormatsByMagic(String hex, Compression expected) {
        assertThat(Compression.detect(HexFormat.of().parseHex(hex))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "tar with magic \"{0}\" at offset 257 is NONE")
    @ValueSource(strings = {"ustar\u000000", "ustar  \u0000"})
    void detectsPlainTarByUstarMagic(String magic) {
        byte[] head = new byte[512];
        byte[] bytes = magic.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, head, 257, bytes.length);
        assertThat(Compression.detect(head)).isEqualTo(Compression.NONE);
    }

    @ParameterizedTest(name = "magic {0} is rejected: {1}")
    @CsvSource({
        "28b52ffd0058, 'zstd magic 28b52ffd found: rkt cannot open zstd'",
        "504b0304, 'not an ACI: first bytes 504b0304 match no gzip'",
        "'', 'not an ACI: first bytes (none)'",
        "1f, 'not an ACI: first bytes 1f match no gzip'"
    })
    void rejectsUnknownMagic(String hex, String message) {
        assertThatThrownBy(() -> Compression.detect(HexFormat.of().parseHex(hex)))
                .isInstanceOf(UnsupportedCompressionException.class)
                .hasMessageContaining(message);
    }
}
