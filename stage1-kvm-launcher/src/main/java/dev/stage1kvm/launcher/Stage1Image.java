package dev.stage1kvm.launcher;

import dev.stage1kvm.aci.AciFormatException;
import dev.stage1kvm.aci.ImageManifest;
import dev.stage1kvm.aci.InvalidManifestException;
import dev.stage1kvm.aci.ManifestJson;
import dev.stage1kvm.build.Stage1Validator;
import dev.stage1kvm.hypervisor.Stage1Files;
import dev.stage1kvm.progress.BuildListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A stage1 image checked and in the store, with the files a pod VM is started from.
 *
 * @param aci the image file the user named
 * @param imageId {@code sha512-} and the hex SHA-512 of its uncompressed tar
 * @param manifest its manifest
 * @param storeFolder its extracted, read-only copy in the store
 * @param files the kernel, init and hypervisor inside {@code storeFolder/rootfs}
 */
record Stage1Image(Path aci, String imageId, ImageManifest manifest, Path storeFolder, Stage1Files files) {

    /**
     * Checks {@code aci} and takes it from the store, extracting it on first use. A file the store already holds, and
     * which has not changed since, is not read again: its manifest and rootfs are taken from the store.
     *
     * @throws LauncherException naming the image and what is wrong with it
     */
    static Stage1Image load(Path aci, ImageStore store, BuildListener listener) throws IOException {
        if (!Files.isRegularFile(aci)) {
            throw new LauncherException("stage1 image " + aci + " does not exist; pass --stage1 with the path of a"
                    + " stage1-kvm .aci file");
        }
        ImageIdCache ids = new ImageIdCache(store.root());
        Optional<String> known = ids.lookup(aci)
                .filter(id -> Files.isDirectory(store.folderOf(id).resolve("rootfs")));
        if (known.isPresent()) {
            listener.debug("stage1 image " + aci + " is unchanged since it was stored as " + known.get());
            return fromStore(aci, known.get(), store.folderOf(known.get()));
        }
        Stage1Validator.Result checked = check(aci);
        if (!checked.report().ok()) {
            throw new LauncherException("stage1 image " + aci + " is not usable: "
                    + String.join("; ", checked.report().problems()) + "; pass --stage1 with a stage1-kvm .aci file");
        }
        String imageId = checked.contents().imageId();
        Path rootfs = store.folderOf(imageId).resolve("rootfs");
        Stage1Files files = Stage1Files.resolve(
                checked.manifest(), Stage1Validator.index(checked.contents()), rootfs, "stage1 image " + aci);
        Path folder = store.ensure(aci, imageId);
        ids.record(aci, imageId);
        return new Stage1Image(aci, imageId, checked.manifest(), folder, files);
    }

    /** An image that passed every check when it was stored, read back from its store folder. */
    private static Stage1Image fromStore(Path aci, String imageId, Path folder) throws IOException {
        ImageManifest manifest =
                ManifestJson.read(Files.readAllBytes(folder.resolve("manifest")), folder + "/manifest");
        Path rootfs = folder.resolve("rootfs");
        Stage1Files files = Stage1Files.resolve(manifest, DiskIndex.of(rootfs), rootfs, "stage1 image " + aci);
        return new Stage1Image(aci, imageId, manifest, folder, files);
    }

    /** The appc and stage1 checks, with a format error said in the launcher's terms. */
    static Stage1Validator.Result check(Path aci) throws IOException {
        try {
            return Stage1Validator.validate(aci);
        } catch (AciFormatException | InvalidManifestException e) {
            throw new LauncherException(
                    "stage1 image " + e.getMessage() + "; pass --stage1 with a stage1-kvm .aci" + " file", e);
        }
    }
}
