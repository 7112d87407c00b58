package dev.stage1kvm.elf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A binary of the rootfs needs a library (or a loader) that the rootfs does not hold. */
public final class MissingLibraryException extends IOException {

    private final String binary;
    private final String library;
    private final String neededBy;
    private final List<String> searchedFolders;

    public MissingLibraryException(
            Path rootfs, String binary, String library, String neededBy, List<String> searchedFolders) {
        super("library '" + library + "' needed by " + neededBy
                + (neededBy.equals(binary) ? "" : " (loaded for binary " + binary + ")")
                + " is not in rootfs " + rootfs + "; searched " + describe(searchedFolders)
                + ". Add the Debian package that ships '" + library + "' to the packages, or drop " + binary
                + " from the file list.");
        this.binary = binary;
        this.library = library;
        this.neededBy = neededBy;
        this.searchedFolders = List.copyOf(searchedFolders);
    }

    private static String describe(List<String> folders) {
        return folders.isEmpty() ? "the exact path only" : String.join(", ", folders);
    }

    /** The binary whose closure was being computed, as a rootfs path. */
    public String binary() {
        return binary;
    }

    /** The DT_NEEDED name or PT_INTERP path that was not found. */
    public String library() {
        return library;
    }

    /** The object whose DT_NEEDED or PT_INTERP named the library. */
    public String neededBy() {
        return neededBy;
    }

    public List<String> searchedFolders() {
        return searchedFolders;
    }
}
