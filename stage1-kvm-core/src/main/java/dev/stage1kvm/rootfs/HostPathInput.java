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

    /**
     * Whether this input is mapped to {@code path} or is a folder that holds it, read from the host without staging
     * anything; for telling, before a build starts, whether a file the image needs will be there.
     *
     * @param path a guest path, such as {@code /lkvm}
     */
    public boolean provides(String path) {
        String wanted = RootfsPath.normalize(path);
        String top = guestPath.equals("/") ? "" : RootfsPath.normalize(guestPath);
        if (wanted.equals(top)) {
            return true;
        }
        String prefix = top.isEmpty() ? "" : top + "/";
        return wanted.startsWith(prefix)
                && Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)
                && Files.exists(source.resolve(wanted.substring(prefix.length())), LinkOption.NOFOLLOW_LINKS);
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
