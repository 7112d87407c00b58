package dev.stage1kvm.source;

/** A pinned git source cannot be had: a malformed commit id, a commit the repository lacks, or a failed fetch. */
public final class GitSourceException extends Exception {

    private final String url;
    private final String commitId;

    public GitSourceException(String url, String commitId, String message) {
        super(message);
        this.url = url;
        this.commitId = commitId;
    }

    public GitSourceException(String url, String commitId, String message, Throwable cause) {
        super(message, cause);
        this.url = url;
        this.commitId = commitId;
    }

    /** The repository as the user gave it. */
    public String url() {
        return url;
    }

    /** The commit id as the user gave it. */
    public String commitId() {
        return commitId;
    }
}
