package dev.stage1kvm.build;

import dev.stage1kvm.aci.AciContents;
import dev.stage1kvm.aci.AciEntry;
import dev.stage1kvm.aci.AciReader;
import dev.stage1kvm.aci.ImageManifest;
import dev.stage1kvm.aci.ManifestJson;
import dev.stage1kvm.elf.ElfFormatException;
import dev.stage1kvm.elf.ElfReader;
import dev.stage1kvm.rootfs.RootfsIndex;
import dev.stage1kvm.rootfs.RootfsPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a finished ACI as appc's {@code actool validate} does (layout, manifest) and then by the stage1 rules of
 * {@link Stage1Checker}, reading the archive once.
 */
public final class Stage1Validator {

    private static final String ROOTFS_PREFIX = "rootfs/";
    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

    /** ELF files larger than this are not opened for their interpreter; no hypervisor or library comes close. */
    private static final long MAX_ELF_BYTES = 512L * 1024 * 1024;

    private Stage1Validator() {}

    /** What the archive holds and what the check found. */
    public record Result(AciContents contents, ImageManifest manifest, Stage1Checker.Report report) {}

    /**
     * @throws dev.stage1kvm.aci.AciFormatException when the archive or its layout is broken
     * @throws dev.stage1kvm.aci.InvalidManifestException when the manifest is not valid JSON of the right shape
     */
    public static Result validate(Path aci) throws IOException {
        Map<String, String> interpreters = new TreeMap<>();
        AciContents contents = new AciReader().read(aci, (entry, data) -> {
            if (entry.type() == AciEntry.Type.FILE && entry.name().startsWith(ROOTFS_PREFIX)) {
                String path = entry.name().substring(ROOTFS_PREFIX.length());
                interpreter(path, entry.sizeBytes(), data, aci).ifPresent(i -> interpreters.put(path, i));
            }
        });
        ImageManifest manifest = ManifestJson.read(contents.manifestJson(), aci + ": manifest");
        Stage1Checker.Report report = Stage1Checker.check(manifest, index(contents), interpreters);
        return new Result(contents, manifest, report);
    }

    /** The rootfs entries of an ACI as an index that resolves links as the guest would. */
    public static RootfsIndex index(AciContents contents) {
        Map<String, RootfsIndex.Entry> entries = new TreeMap<>(RootfsPath.ORDER);
        for (AciEntry entry : contents.entries()) {
            if (entry.name().startsWith(ROOTFS_PREFIX)) {
                String linkTarget = entry.type() == AciEntry.Type.HARDLINK
                        ? entry.linkTarget().substring(ROOTFS_PREFIX.length())
                        : entry.linkTarget();
                entries.put(
                        entry.name().substring(ROOTFS_PREFIX.length()),
                        new RootfsIndex.Entry(type(entry.type()), entry.mode(), linkTarget));
            }
        }
        return new RootfsIndex(entries);
    }

    private static RootfsIndex.Type type(AciEntry.Type type) {
        return switch (type) {
            case FILE -> RootfsIndex.Type.FILE;
            case DIRECTORY -> RootfsIndex.Type.DIRECTORY;
            case SYMLINK -> RootfsIndex.Type.SYMLINK;
            case HARDLINK -> RootfsIndex.Type.HARDLINK;
            default -> RootfsIndex.Type.OTHER;
        };
    }

    private static java.util.Optional<String> interpreter(String path, long sizeBytes, InputStream data, Path aci)
            throws IOException {
        byte[] head = data.readNBytes(ELF_MAGIC.length);
        if (!Arrays.equals(head, ELF_MAGIC) || sizeBytes > MAX_ELF_BYTES) {
            return java.util.Optional.empty();
        }
        byte[] rest = data.readAllBytes();
        ByteBuffer whole = ByteBuffer.allocate(head.length + rest.length)
                .put(head)
                .put(rest)
                .flip();
        try {
            return ElfReader.read(whole, aci + ":/" + path).interpreter();
        } catch (ElfFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
