package dev.stage1kvm.build;

import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.source.BuildFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps the full log of a part built from source (the kernel, lkvm) in the build's log folder, beside the images,
 * whether it was compiled now, taken from the cache or failed. The cache keeps its own copy.
 */
final class BuildLogs {

    private BuildLogs() {}

    /**
     * Copies {@code log} to {@code folder/fileName}, never half-written; one info line names the copy.
     *
     * @param part names the part in the log line, as its other progress lines do ({@code lkvm}, {@code Kernel})
     * @return the copy, or empty when there is no folder to keep it in or the log is gone from the cache
     */
    static Optional<Path> keep(Optional<Path> folder, Path log, String fileName, String part, BuildListener listener)
            throws IOException {
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(log)) {
            listener.warn(part + ": " + log + " is missing, so no build log is kept in " + folder.get());
            return Optional.empty();
        }
        Files.createDirectories(folder.get());
        Path kept = folder.get().resolve(fileName);
        OutputFiles.copyAtomically(log, kept);
        listener.info(part + ": build log kept as " + kept);
        return Optional.of(kept);
    }

    /**
     * Keeps a failed build's log the same way.
     *
     * @return the failure pointing at the copy; unchanged (the copy's error added as suppressed) when it cannot be kept
     */
    static BuildFailedException keepFailed(
            Optional<Path> folder, BuildFailedException failure, String fileName, String part, BuildListener listener) {
        try {
            return keep(folder, failure.logFile(), fileName, part, listener)
                    .map(failure::withLogCopy)
                    .orElse(failure);
        } catch (IOException e) {
            failure.addSuppressed(e);
            return failure;
        }
    }
}
