package dev.stage1kvm.aci;

import java.io.IOException;
import java.nio.file.Path;

/** A host file whose size at archive time differs from the size recorded when it was staged. */
public final class HostFileChangedException extends IOException {

    private final Path pathOnHost;
    private final long stagedSizeBytes;
    private final long actualSizeBytes;

    HostFileChangedException(Path pathOnHost, String guestPath, long stagedSizeBytes, long actualSizeBytes) {
        super("host file " + pathOnHost + " (rootfs/" + guestPath + ") was staged with " + stagedSizeBytes
                + " bytes but " + describe(actualSizeBytes) + " while the image was written; stop whatever"
                + " changes it and build again");
        this.pathOnHost = pathOnHost;
        this.stagedSizeBytes = stagedSizeBytes;
        this.actualSizeBytes = actualSizeBytes;
    }

    private static String describe(long actualSizeBytes) {
        return actualSizeBytes < 0 ? "had more bytes than that" : "had " + actualSizeBytes + " bytes";
    }

    public Path pathOnHost() {
        return pathOnHost;
    }

    public long stagedSizeBytes() {
        return stagedSizeBytes;
    }

    /** The size found, or -1 when the file grew while it was copied. */
    public long actualSizeBytes() {
        return actualSizeBytes;
    }
}
