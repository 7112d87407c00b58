package dev.stage1kvm.rootfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A folder or file of the host mapped to a path in the rootfs.
 *
 * @param source the host folder or file
 * @param guestPath where it goes in the rootfs ({@code /} for the top)
 * @param name names the input in errors, as the user wrote it
 */
public record HostPathInput(Path source, String guestPath, String name) implements RootfsInput {

    @Override
    public String description() {
        return name + " " + source + " -> " + guestPath;
    }

    @Override
    public void addTo(StagedTree tree) throws IOException {
        if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            HostTree.addFile(source, guestPath, tree, name);
        } else if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            HostTree.addFolder(source, guestPath, tree, name);
        } else {
            throw new InvalidInputException(
                    name,
                    "'" + source + "' does not exist or is neither a file nor a folder"
                            + " (links are not followed); correct the path");
        }
    }
}
