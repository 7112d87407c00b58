package dev.stage1kvm.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/** Small helpers for the files a build leaves behind: never half-written, always in a folder that can take them. */
public final class OutputFiles {

    private OutputFiles() {}

    /**
     * Creates {@code folder} if needed and makes sure files can be created in it.
     *
     * @throws InvalidSpecException naming the folder and what to do
     */
    public static Void requireWritableFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new InvalidSpecException(
                    "outputDirectory",
                    folder.toString(),
                    "cannot be created (" + e.getMessage() + "); choose a folder you can write to");
        }
        if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
            throw new InvalidSpecException(
                    "outputDirectory",
                    folder.toString(),
                    "is not a writable folder; fix its" + " permissions or choose another folder");
        }
        return null;
    }

    /** {@code image.aci.id} beside {@code image.aci}. */
    public static Path idFile(Path image) {
        return image.resolveSibling(image.getFileName() + ".id");
    }

    /** Writes text to a temporary file beside {@code target} and moves it into place. */
    public static void writeAtomically(Path target, String text) throws IOException {
        replaceAtomically(target, temporary -> Files.writeString(temporary, text, StandardCharsets.UTF_8));
    }

    /** Copies {@code source} to a temporary file beside {@code target} and moves it into place. */
    public static void copyAtomically(Path source, Path target) throws IOException {
        replaceAtomically(target, temporary -> Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING));
    }

    /** Fills a temporary file beside {@code target}; only a complete file is ever moved there. */
    private interface Filler {
        void fill(Path temporary) throws IOException;
    }

    private static void replaceAtomically(Path target, Filler filler) throws IOException {
        Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        temporary.toFile().deleteOnExit();
        try {
            filler.fill(temporary);
            // Temporary files are private; a side file is as public as the image beside it.
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            moveIntoPlace(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A size for people: {@code 48.2 MB} (powers of 1000, as ls -h --si). */
    public static String humanSize(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
