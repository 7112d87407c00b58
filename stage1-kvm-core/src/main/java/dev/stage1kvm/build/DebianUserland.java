package dev.stage1kvm.build;

import dev.stage1kvm.deb.DebArchive;
import dev.stage1kvm.elf.LibraryClosure;
import dev.stage1kvm.elf.LoaderDefaults;
import dev.stage1kvm.hypervisor.Hypervisor;
import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.MergedUsr;
import dev.stage1kvm.rootfs.RootfsInput;
import dev.stage1kvm.rootfs.Stage1Assets;
import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Debian userland of stage1 images (docs/userland.md): the packages every package list of stage1-assets names are
 * resolved together, once, against one lock file (with any other Debian packages of the build, see
 * {@link DebianPackageSet}); each image then unpacks only the packages its lists name. Gives the
 * common rootfs input ({@link #common()}) and each hypervisor's overlay input ({@link #overlay(Hypervisor)}).
 */
public final class DebianUserland {

    private final DebianPackageSet packages;
    private final Path workFolder;
    private final Stage1Assets assets;
    private final BuildListener listener;
    private final Map<String, StagedTree> unpackedByName = new HashMap<>();

    /**
     * Asks {@code packages} for the packages of every list.
     *
     * @param workFolder a folder of the build's own (under its target folder) for the unpacked trees the ELF closure
     *     searches; replaced on each build
     */
    public DebianUserland(DebianPackageSet packages, Path workFolder, Stage1Assets assets, BuildListener listener) {
        this.packages = packages;
        this.workFolder = workFolder;
        this.assets = assets;
        this.listener = listener;
        packages.request(requestedPackages());
    }

    /** systemd, its libraries and busybox, trimmed by the file list, with the fixed layout. */
    public RootfsInput common() {
        return new UserlandInput(this, assets, listener);
    }

    /** The hypervisor's own files from Debian, if it takes any: QEMU does, lkvm (built from source) does not. */
    public Optional<RootfsInput> overlay(Hypervisor hypervisor) {
        return hypervisor == Hypervisor.QEMU
                ? Optional.of(new QemuOverlayInput(this, assets, listener))
                : Optional.empty();
    }

    /** Every package list's names: the union is resolved once, so one lock file serves every image. */
    List<String> requestedPackages() {
        List<String> names = new ArrayList<>(assets.packages());
        for (Hypervisor hypervisor : Hypervisor.values()) {
            assets.packages(hypervisor.id()).stream()
                    .filter(name -> !names.contains(name))
                    .forEach(names::add);
        }
        return names;
    }

    /** The named packages unpacked into one tree, in order (a later package wins), with /usr merged. */
    StagedTree unpackMerged(List<String> names) throws IOException {
        Map<String, Path> debs = debs();
        StagedTree unpacked = new StagedTree();
        long bytes = 0;
        for (String name : names) {
            StagedTree tree = unpackedByName.get(name);
            if (tree == null) {
                tree = new DebArchive(debs.get(name)).data(packages.settings().cache());
                unpackedByName.put(name, tree);
            }
            bytes += sizeBytes(tree);
            unpacked.overlay(tree);
        }
        listener.debug("Unpacked " + names.size() + " packages (" + String.join(", ", names) + "): " + unpacked.size()
                + " entries, " + bytes + " bytes");
        StagedTree merged = MergedUsr.apply(unpacked);
        listener.debug("Merged /usr: " + merged.size() + " entries");
        return merged;
    }

    /**
     * The libraries (and loader) the binaries load, searched in {@code tree} written to the work folder
     * {@code folderName}; as guest paths with their links.
     */
    List<String> libraries(StagedTree tree, Collection<String> binaries, String folderName) throws IOException {
        Path folder = RootfsFolder.write(tree, workFolder.resolve(folderName));
        LibraryClosure.Result result =
                new LibraryClosure(folder, LoaderDefaults.DEBIAN_AMD64, listener).close(binaries);
        RootfsFolder.delete(folder);
        List<String> paths =
                result.pathsToKeep().stream().map(path -> "/" + path).toList();
        listener.debug("ELF closure of " + binaries.size() + " files: " + paths.size() + " library paths");
        return paths;
    }

    /** Fetches the packages of the build (every list's, with what {@code Depends} pulls in), once. */
    Map<String, Path> debs() throws IOException {
        return packages.debs();
    }

    static long sizeBytes(StagedTree tree) {
        return tree.entries().values().stream()
                .mapToLong(entry -> entry instanceof StagedEntry.RegularFile file ? file.sizeBytes() : 0)
                .sum();
    }

    /** The guest paths of the regular files of a tree: what the ELF closure starts from. */
    static List<String> files(StagedTree tree) {
        List<String> files = new ArrayList<>();
        tree.entries().forEach((path, entry) -> {
            if (entry instanceof StagedEntry.RegularFile || entry instanceof StagedEntry.HardLink) {
                files.add("/" + path);
            }
        });
        return files;
    }
}
