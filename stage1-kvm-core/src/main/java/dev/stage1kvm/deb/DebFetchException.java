package dev.stage1kvm.deb;

/** Something could not be fetched: the mirror is unreachable, the download was cut, or the build is offline. */
public class DebFetchException extends DebException {

    private final String url;

    public DebFetchException(String url, String message) {
        super(message);
        this.url = url;
    }

    public DebFetchException(String url, String message, Throwable cause) {
        super(message, cause);
        this.url = url;
    }

    public String url() {
        return url;
    }
}
