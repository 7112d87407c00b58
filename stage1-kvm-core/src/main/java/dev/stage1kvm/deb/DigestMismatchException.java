package dev.stage1kvm.deb;

/** Downloaded bytes whose SHA-256 is not the one they were pinned to; carries both digests. */
public final class DigestMismatchException extends DebVerificationException {

    private final String expectedSha256;
    private final String actualSha256;

    DigestMismatchException(String url, String expectedSha256, String actualSha256) {
        super(
                url,
                "SHA-256 mismatch for " + url + ": expected " + expectedSha256 + ", got " + actualSha256
                        + ". The mirror may be updating or damaged; try again later or another mirror.");
        this.expectedSha256 = expectedSha256;
        this.actualSha256 = actualSha256;
    }

    public String expectedSha256() {
        return expectedSha256;
    }

    public String actualSha256() {
        return actualSha256;
    }
}
