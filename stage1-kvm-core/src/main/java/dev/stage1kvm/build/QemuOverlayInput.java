package dev.stage1kvm.build;

import dev.stage1kvm.aci.NameValue;
import dev.stage1kvm.hypervisor.Hypervisor;
import dev.stage1kvm.hypervisor.QemuFiles;
import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.FileList;
import dev.stage1kvm.rootfs.RootfsIndex;
import dev.stage1kvm.rootfs.Stage1Assets;
import dev.stage1kvm.rootfs.StagedTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The QEMU image's overlay from Debian (docs/userland.md, step 5): {@code /qemu}, its TCG module and firmware
 * ({@link QemuFiles}) and every library they load, searched in the packages of {@code packages.list} and
 * {@code packages-qemu.list} together; its annotations tell the launcher how to start that QEMU.
 */
final class QemuOverlayInput implements AnnotatingInput, RemoteInput {

    private static final String LIST = "packages-" + Hypervisor.QEMU.id() + ".list";

    private final DebianUserland userland;
    private final Stage1Assets assets;
    private final BuildListener listener;

    QemuOverlayInput(DebianUserland userland, Stage1Assets assets, BuildListener listener) {
        this.userland = userland;
        this.assets = assets;
        this.listener = listener;
    }

    @Override
    public String description() {
        return "QEMU from Debian (" + LIST + ")";
    }

    @Override
    public void fetch() throws IOException {
        userland.debs(packages(), LIST);
    }

    /** The packages QEMU's files and libraries are searched in: the common ones, then QEMU's own. */
    private List<String> packages() {
        List<String> packages = new ArrayList<>(assets.packages());
        assets.packages(Hypervisor.QEMU.id()).stream()
                .filter(name -> !packages.contains(name))
                .forEach(packages::add);
        return packages;
    }

    @Override
    public void addTo(StagedTree tree) throws IOException {
        List<String> packages = packages();
        fetch();
        listener.info("Unpacking the " + assets.packages(Hypervisor.QEMU.id()).size() + " packages of " + LIST
                + " and merging /usr");
        StagedTree merged = userland.unpackMerged(packages);
        StagedTree qemu = QemuFiles.overlay(merged);

        listener.info("Finding the libraries of " + String.join(" and ", QemuFiles.ELF_OBJECTS));
        List<String> libraries = userland.libraries(merged.copy().overlay(qemu), QemuFiles.ELF_OBJECTS, "qemu");

        FileList list = FileList.parse("QEMU's libraries", "").plus(libraries);
        StagedTree kept = list.filter(merged, listener::debug).tree();
        listener.debug("QEMU overlay: " + DebianUserland.sizeBytes(qemu) + " bytes of QEMU files, "
                + DebianUserland.sizeBytes(kept) + " bytes of libraries");
        tree.overlay(kept).overlay(qemu);
    }

    @Override
    public List<NameValue> annotations(RootfsIndex image) {
        return QemuFiles.annotations(image);
    }
}
