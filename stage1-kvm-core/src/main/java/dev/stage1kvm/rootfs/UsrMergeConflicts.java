package dev.stage1kvm.rootfs;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;

/** Decides which of two entries meeting at one path during {@link MergedUsr} stays. */
final class UsrMergeConflicts {

    private UsrMergeConflicts() {}

    /**
     * The entry to keep at {@code usrPath}, which both {@code movedPath} (from /bin, /sbin or /lib*) and
     * {@code usrPath} itself want.
     *
     * @param original the tree before merging
     * @param index {@code original}'s index, to see what links resolved to there
     * @throws UsrMergeConflictException when the two differ and neither is a link to the other
     */
    static StagedEntry pick(
            StagedTree original,
            RootfsIndex index,
            String movedPath,
            StagedEntry moved,
            String usrPath,
            StagedEntry atUsr)
            throws IOException {
        if (same(moved, atUsr)) {
            return atUsr;
        }
        if (original.get(usrPath) instanceof StagedEntry.Symlink && resolvesTo(index, usrPath, movedPath)) {
            return moved;
        }
        if (original.get(movedPath) instanceof StagedEntry.Symlink && resolvesTo(index, movedPath, usrPath)) {
            return atUsr;
        }
        throw new UsrMergeConflictException(
                movedPath, usrPath, MergedUsr.describe(moved) + " against " + MergedUsr.describe(atUsr));
    }

    private static boolean resolvesTo(RootfsIndex index, String link, String path) {
        return index.resolve(link) instanceof RootfsIndex.Found found
                && found.path().equals(path);
    }

    private static boolean same(StagedEntry a, StagedEntry b) throws IOException {
        if (a instanceof StagedEntry.RegularFile fileA && b instanceof StagedEntry.RegularFile fileB) {
            return fileA.mode() == fileB.mode()
                    && fileA.sizeBytes() == fileB.sizeBytes()
                    && Arrays.equals(bytes(fileA.content()), bytes(fileB.content()));
        }
        if (a instanceof StagedEntry.Directory && b instanceof StagedEntry.Directory) {
            return true;
        }
        return a.equals(b);
    }

    private static byte[] bytes(StagedEntry.Content content) throws IOException {
        if (content instanceof StagedEntry.HostFile host) {
            return Files.readAllBytes(host.pathOnHost());
        }
        return ((StagedEntry.Bytes) content).data();
    }
}
