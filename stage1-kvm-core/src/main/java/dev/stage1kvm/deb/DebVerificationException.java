package dev.stage1kvm.deb;

/** A signature or digest did not match: the input is not what Debian published, or it was damaged on the way. */
public class DebVerificationException extends DebException {

    private final String url;

    public DebVerificationException(String url, String message) {
        super(message);
        this.url = url;
    }

    /** Where the rejected bytes came from (a URL or a cached file). */
    public String url() {
        return url;
    }

    static DigestMismatchException digestMismatch(String url, String expectedSha256, String actualSha256) {
        return new DigestMismatchException(url, expectedSha256, actualSha256);
    }
}
