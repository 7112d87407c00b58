package dev.stage1kvm.build;

import dev.stage1kvm.aci.NameValue;
import dev.stage1kvm.aci.Stage1Annotations;
import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.FileList;
import dev.stage1kvm.rootfs.RootfsIndex;
import dev.stage1kvm.rootfs.Stage1Assets;
import dev.stage1kvm.rootfs.StagedTree;
import java.io.IOException;
import java.util.List;

/**
 * The common rootfs from Debian (docs/userland.md): the packages of {@code packages.list} unpacked, /usr merged, the
 * files {@code files/userland.list} keeps and the libraries they load, then the fixed layout. The layout carries the
 * guest's first-stage init, which the manifest names as PID 1.
 */
final class UserlandInput implements AnnotatingInput, RemoteInput {

    /** Where {@code layout.list} puts stage1-assets' {@code guest/init}. */
    static final String GUEST_INIT = "/usr/lib/stage1-kvm/init";

    private final DebianUserland userland;
    private final Stage1Assets assets;
    private final BuildListener listener;

    UserlandInput(DebianUserland userland, Stage1Assets assets, BuildListener listener) {
        this.userland = userland;
        this.assets = assets;
        this.listener = listener;
    }

    @Override
    public String description() {
        return "the Debian userland (" + Stage1Assets.PACKAGES_LIST + ", " + Stage1Assets.USERLAND_FILE_LIST + ")";
    }

    @Override
    public void fetch() throws IOException {
        userland.debs(assets.packages(), Stage1Assets.PACKAGES_LIST);
    }

    @Override
    public void addTo(StagedTree tree) throws IOException {
        List<String> packages = assets.packages();
        fetch();
        listener.info("Unpacking the " + packages.size() + " packages of " + Stage1Assets.PACKAGES_LIST
                + " and merging /usr");
        StagedTree merged = userland.unpackMerged(packages);

        FileList list = assets.userlandFiles();
        StagedTree programs = list.filter(merged).tree();
        listener.info("Finding the libraries of the files " + list.name() + " keeps");
        List<String> libraries = userland.libraries(merged, DebianUserland.files(programs), "common");

        listener.info("Keeping the files of " + list.name() + " and their " + libraries.size() + " library paths");
        StagedTree kept = list.plus(libraries).filter(merged, listener::debug).tree();
        listener.debug("Common userland: " + kept.size() + " entries, " + DebianUserland.sizeBytes(kept) + " bytes");
        tree.overlay(kept);

        listener.info("Adding the fixed layout (" + Stage1Assets.LAYOUT_LIST + ")");
        assets.layout().addTo(tree);
    }

    @Override
    public List<NameValue> annotations(RootfsIndex image) {
        return List.of(new NameValue(Stage1Annotations.GUEST_INIT, GUEST_INIT));
    }
}
