package dev.stage1kvm.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReleaseFileTest {

    private static final String SHA = "ebfb6b40a67249e8276d86467711a73a3ca5c3e9dca6049abb84568fd71fa828";
    private static final String TEXT = "Origin: Debian\nDate: Tue, 01 Dec 2026 19:40:00 UTC\n"
            + "Valid-Until: Tue, 08 Dec 2026 19:40:00 UTC\nAcquire-By-Hash: yes\nSHA256:\n " + SHA
            + "   385616 main/binary-amd64/Packages.xz\n e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
            + "        0 contrib/Contents-amd64\n";

    @Test
    void readsDatesAndTheSha256List() {
        ReleaseFile release = ReleaseFile.parse(TEXT, "InRelease");

        assertThat(release.date()).isEqualTo(Instant.parse("2026-12-01T19:40:00Z"));
        assertThat(release.validUntil()).isEqualTo(Instant.parse("2026-12-08T19:40:00Z"));
        assertThat(release.acquireByHash()).isTrue();
        assertThat(release.indexFile("main/binary-amd64/Packages.xz"))
                .contains(new ReleaseFile.IndexFile("main/binary-amd64/Packages.xz", SHA, 385616));
        assertThat(release.indexFile("main/binary-arm64/Packages.xz")).isEmpty();
    }

    @Test
    void acceptsAReleaseWithinItsWindowAndAllowsSomeClockSkew() {
        ReleaseFile release = ReleaseFile.parse(TEXT, "InRelease");

        release.checkFresh(Instant.parse("2026-12-03T00:00:00Z"), 600);
        release.checkFresh(Instant.parse("2026-12-01T19:35:00Z"), 600);
        release.checkFresh(Instant.parse("2026-12-08T19:45:00Z"), 600);
    }

    @Test
    void rejectsAnExpiredReleaseAndOneFromTheFuture() {
        ReleaseFile release = ReleaseFile.parse(TEXT, "http://m/InRelease");

        assertThatThrownBy(() -> release.checkFresh(Instant.parse("2026-12-09T00:00:00Z"), 600))
                .isInstanceOf(DebVerificationException.class)
                .hasMessageContaining("http://m/InRelease expired at 2026-12-08T19:40:00Z");
        assertThatThrownBy(() -> release.checkFresh(Instant.parse("2026-11-30T00:00:00Z"), 600))
                .isInstanceOf(DebVerificationException.class)
                .hasMessageContaining("in the future");
    }

    @Test
    void aReleaseWithoutValidUntilNeverExpires() {
        ReleaseFile release = ReleaseFile.parse(TEXT.replaceAll("Valid-Until: [^\n]*\n", ""), "InRelease");

        release.checkFresh(Instant.parse("2036-01-01T00:00:00Z"), 0);

        assertThat(release.validUntil()).isNull();
    }

    @Test
    void rejectsABadDateAndABadChecksumLine() {
        assertThatThrownBy(() -> ReleaseFile.parse(TEXT.replace("Tue, 01 Dec", "Tuesday 1st Dec"), "InRelease"))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining("InRelease field Date");
        assertThatThrownBy(() -> ReleaseFile.parse(TEXT.replace("   385616 ", " many "), "InRelease"))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining("expected '<sha256> <size> <path>'");
    }
}
