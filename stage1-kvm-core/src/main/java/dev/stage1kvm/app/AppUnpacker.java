package dev.stage1kvm.app;

import dev.stage1kvm.aci.AciContents;
import dev.stage1kvm.aci.AciReader;
import dev.stage1kvm.aci.ImageManifest;
import dev.stage1kvm.aci.ManifestJson;
import dev.stage1kvm.progress.BuildListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Unpacks an app image (ACI, OCI image layout or docker save tarball) into {@code <app folder>/rootfs} and reads
 * how it runs. A failed unpack leaves no app folder behind.
 */
public final class AppUnpacker {

    private final BuildListener listener;

    public AppUnpacker(BuildListener listener) {
        this.listener = listener;
    }

    /**
     * Unpacks {@code image} into {@code appDir}, which must not exist yet; the rootfs is {@code appDir/rootfs}.
     *
     * @throws AppImageException when the image is not one of the three kinds, is corrupt, or would write outside
     */
    public UnpackedApp unpack(Path image, Path appDir) throws IOException {
        AppFormat format = AppFormat.detect(image);
        Files.createDirectories(appDir.toAbsolutePath().getParent());
        try {
            ImageConfig config =
                    format == AppFormat.ACI ? unpackAci(image, appDir) : unpackLayers(image, format, appDir);
            return new UnpackedApp(image, format, appDir.resolve("rootfs"), config);
        } catch (IOException | RuntimeException e) {
            Trees.delete(appDir);
            if (e instanceof LayerException) {
                throw new AppImageException(image, e.getMessage(), e);
            }
            throw e;
        }
    }

    private ImageConfig unpackAci(Path image, Path appDir) throws IOException {
        AciContents contents = new AciReader().extract(image, appDir);
        ImageManifest manifest = ManifestJson.read(contents.manifestJson(), image + ": manifest");
        if (manifest.otherFields().containsKey("dependencies")
                && !manifest.otherFields().get("dependencies").isEmpty()) {
            throw new AppImageException(
                    image,
                    "depends on other images, which this launcher does not fetch;"
                            + " flatten the image first (e.g. build it without dependencies)");
        }
        listener.debug("app " + image + ": ACI " + manifest.name() + " " + contents.imageId());
        return ConfigJson.fromAciManifest(manifest, image);
    }

    private ImageConfig unpackLayers(Path image, AppFormat format, Path appDir) throws IOException {
        Files.createDirectory(appDir);
        Path rootfs = Files.createDirectory(appDir.resolve("rootfs"));
        TreeWriter writer = new TreeWriter(rootfs, runsAsRoot());
        ImageConfig config = format == AppFormat.OCI_LAYOUT
                ? new OciLayout(image).unpack(writer)
                : unpackDockerArchive(image, appDir, writer);
        writer.finish();
        if (writer.skippedSpecialFiles() > 0) {
            listener.warn("app " + image + ": left out " + writer.skippedSpecialFiles() + " device nodes or fifos,"
                    + " which Java cannot create; the guest's /dev provides the usual ones");
        }
        return config;
    }

    /** docker save writes a plain tar; a compressed one (docker save | gzip) is unpacked to a file first. */
    private static ImageConfig unpackDockerArchive(Path image, Path appDir, TreeWriter writer) throws IOException {
        Path tarFile = image;
        Path temp = null;
        try (InputStream head = Files.newInputStream(image)) {
            byte[] magic = head.readNBytes(2);
            if (magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                temp = appDir.resolve(".image.tar");
                try (InputStream tar = AppFormat.tarStream(image)) {
                    Files.copy(tar, temp);
                }
                tarFile = temp;
            }
        }
        try (TarFile tar = new TarFile(tarFile.toFile())) {
            return new DockerArchive(image, tar).unpack(writer);
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Only root can give files the owners the image names; others get the files as their own. */
    static boolean runsAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
