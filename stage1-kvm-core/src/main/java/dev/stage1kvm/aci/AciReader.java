package dev.stage1kvm.aci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Reads ACIs (appc spec 0.8.11) in one streaming pass: compression found by magic bytes, layout checked entry by
 * entry, image ID computed from the uncompressed tar. Errors are {@link AciFormatException}s naming the file, the
 * entry and its offset in the tar.
 */
public final class AciReader {

    /** Visits one checked entry with its content, which may be left unread. */
    @FunctionalInterface
    public interface EntryVisitor {
        void visit(AciEntry entry, InputStream data) throws IOException;
    }

    /** Lists the archive's entries and returns its manifest and image ID, without writing anything. */
    public AciContents read(Path aci) throws IOException {
        return AciArchiveWalker.walk(aci, (entry, data) -> {});
    }

    /** As {@link #read(Path)}, handing each entry and its content to {@code visitor} on the way. */
    public AciContents read(Path aci, EntryVisitor visitor) throws IOException {
        return AciArchiveWalker.walk(aci, visitor::visit);
    }

    /**
     * Extracts the image layout ({@code manifest} and {@code rootfs/}) into {@code targetDir}, which must be absent
     * or an empty folder. The archive is written into a hidden folder beside the target and renamed into place when
     * complete, so a failed extraction leaves nothing. Symlinks are created as they are, never followed; ownership
     * is not changed.
     */
    public AciContents extract(Path aci, Path targetDir) throws IOException {
        return AciExtractor.extract(aci, targetDir);
    }
}
