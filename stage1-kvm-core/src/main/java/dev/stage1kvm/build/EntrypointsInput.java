package dev.stage1kvm.build;

import dev.stage1kvm.aci.Stage1Annotations;
import dev.stage1kvm.rootfs.HostTree;
import dev.stage1kvm.rootfs.InvalidInputException;
import dev.stage1kvm.rootfs.RootfsInput;
import dev.stage1kvm.rootfs.StagedTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * rkt's entrypoint programs ({@code init}, {@code enter_kvm}, {@code gc}, ...) taken from a host folder and placed at
 * the top of the rootfs. Each one the manifest will name must be there and executable.
 */
public record EntrypointsInput(Path folder, String name) implements RootfsInput {

    @Override
    public String description() {
        return name + " " + folder;
    }

    @Override
    public void addTo(StagedTree tree) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException(
                    name,
                    "folder '" + folder + "' does not exist; point it at a folder that"
                            + " holds rkt's entrypoint programs, or leave it out to build an image without them");
        }
        List<String> problems = new ArrayList<>();
        for (String guestPath : Stage1Annotations.ENTRYPOINTS.values()) {
            Path program = folder.resolve(guestPath.substring(1));
            if (!Files.isRegularFile(program, LinkOption.NOFOLLOW_LINKS)) {
                problems.add("'" + program.getFileName() + "' is missing");
            } else if (!Files.isExecutable(program)) {
                problems.add("'" + program.getFileName() + "' is not executable (chmod +x " + program + ")");
            } else {
                HostTree.addFile(program, guestPath, tree, name);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(name, "folder '" + folder + "': " + String.join(", ", problems));
        }
    }
}
