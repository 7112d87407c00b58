package dev.stage1kvm.deb;

import java.nio.file.Path;

/**
 * A package the lock file pins is in none of the configured archives: the mirror lags behind its index, or no longer
 * carries the pinned version (Debian's security archive drops a version some time after it is superseded). A caller
 * that knows how its user re-resolves or names a snapshot archive can put {@link #problem()} before its own remedy.
 */
public class PinnedPackageMissingException extends DebFetchException {

    private final Path lockFile;
    private final LockFile.Entry entry;
    private final String problem;

    public PinnedPackageMissingException(Path lockFile, LockFile.Entry entry, NotOnMirrorException cause) {
        this(lockFile, entry, cause, problem(lockFile, entry, cause));
    }

    private PinnedPackageMissingException(
            Path lockFile, LockFile.Entry entry, NotOnMirrorException cause, String problem) {
        super(
                cause.url(),
                problem + " The mirror may lag behind its index (try later), or no longer carry this version: delete"
                        + " the lock file to resolve the packages anew, or take them from a snapshot archive that"
                        + " still carries them.",
                cause);
        this.lockFile = lockFile;
        this.entry = entry;
        this.problem = problem;
    }

    private static String problem(Path lockFile, LockFile.Entry entry, NotOnMirrorException cause) {
        return entry.id() + ", pinned by " + lockFile + ", is not on the mirror: "
                + NotOnMirrorException.urlsText(cause.urls()) + " answered " + cause.answer() + ".";
    }

    public Path lockFile() {
        return lockFile;
    }

    /** The pin whose {@code .deb} is missing. */
    public LockFile.Entry entry() {
        return entry;
    }

    /** What is missing and where it was looked for, without a remedy. */
    public String problem() {
        return problem;
    }
}
