package dev.stage1kvm.deb;

import java.net.URI;
import java.util.List;

/** No URL a file was looked for at has it: each answered 404 or 410. */
public class NotOnMirrorException extends DebFetchException {

    private final List<URI> urls;
    private final String answer;

    /**
     * @param what names the file for the user, e.g. {@code systemd=252.31-1~deb12u1/amd64}
     * @param urls every URL tried, in order
     * @param answer what the last of them answered, e.g. {@code HTTP 404}
     */
    public NotOnMirrorException(String what, List<URI> urls, String answer) {
        super(
                urls.get(urls.size() - 1).toString(),
                what + " is not on the mirror: " + urlsText(urls) + " answered " + answer
                        + ". The mirror may lag behind its index (try later), or no longer carry this version, which an"
                        + " old lock file can pin (use a snapshot mirror, or resolve the packages anew).");
        this.urls = List.copyOf(urls);
        this.answer = answer;
    }

    /** Every URL tried, in order. */
    public List<URI> urls() {
        return urls;
    }

    /** What the last URL answered, e.g. {@code HTTP 404}. */
    public String answer() {
        return answer;
    }

    static String urlsText(List<URI> urls) {
        return String.join(", ", urls.stream().map(URI::toString).toList());
    }
}
