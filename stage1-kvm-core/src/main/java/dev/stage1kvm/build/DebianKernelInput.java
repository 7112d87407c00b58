package dev.stage1kvm.build;

import dev.stage1kvm.deb.DebArchive;
import dev.stage1kvm.deb.Relation;
import dev.stage1kvm.elf.ElfFile;
import dev.stage1kvm.elf.ElfReader;
import dev.stage1kvm.kernel.BootInitramfs;
import dev.stage1kvm.kernel.BzImage;
import dev.stage1kvm.kernel.BzImageFormatException;
import dev.stage1kvm.kernel.Initramfs;
import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.HostTree;
import dev.stage1kvm.rootfs.InvalidInputException;
import dev.stage1kvm.rootfs.Stage1Assets;
import dev.stage1kvm.rootfs.Stage1Layout;
import dev.stage1kvm.rootfs.StagedTree;
import dev.stage1kvm.source.BuildCache;
import dev.stage1kvm.source.InputDigest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Debian's prebuilt generic kernel and the initramfs it reaches a 9p root through (docs/kernel.md): the kernel
 * package's {@code /boot/vmlinuz-*} at {@code /kernel_image}, and at {@code /initrd.img} busybox-static with the
 * modules stage1-assets' {@code initramfs/modules.list} names, what they depend on, and the {@code initramfs/init}
 * script. Needs no compiler; the packages are resolved and pinned with the build's other Debian packages. The result
 * is kept in the build cache under the digest of everything it is made from, so it is made once per kernel package.
 */
public final class DebianKernelInput implements KernelInput, RemoteInput {

    /**
     * Debian's generic kernel, a meta-package depending on {@code linux-image-<abi>-<arch>}, which holds the kernel
     * and its modules; {@code -cloud-} kernels cannot be used, they lack 9p.
     */
    static final String KERNEL_PACKAGE_PREFIX = "linux-image-";

    /** The initramfs's shell and tools, statically linked. */
    static final String BUSYBOX_PACKAGE = "busybox-static";

    /** How the initramfs is stored in the image. */
    public static final Initramfs.Compression DEFAULT_COMPRESSION = Initramfs.Compression.GZIP;

    /** Where busybox-static keeps busybox: {@code /bin} in bookworm, {@code /usr/bin} from trixie on. */
    private static final Pattern BUSYBOX_PATH = Pattern.compile("(usr/)?bin/busybox");

    /**
     * Every initramfs entry's mtime: the archive's bytes then depend on its content alone. The kernel keeps these
     * times only inside the initramfs, which is gone once the root is mounted.
     */
    private static final long INITRAMFS_MTIME_SECONDS = 0;

    /** The cache entry: {@code <build cache>/debian-kernel/<digest of the inputs>/}. */
    static final String CACHE_KIND = "debian-kernel";

    /** Changes whenever the way the entry is made from the same inputs changes. */
    private static final String RECIPE = "kernel + newc initramfs v1";

    private static final String KERNEL_FILE = "kernel-image";
    private static final String INITRD_FILE = "initrd.img";
    private static final String RELEASE_FILE = "release";

    private final DebianInputs debian;
    private final BuildCache cache;
    private final Stage1Assets assets;
    private final Initramfs.Compression compression;
    private final BuildListener listener;
    private final String name;
    private String release;

    /**
     * Takes the kernel and busybox-static of {@code debian}'s architecture from its packages.
     *
     * @param name names the input in logs and errors, as the user configured it
     */
    public DebianKernelInput(
            DebianInputs debian,
            BuildCache cache,
            Stage1Assets assets,
            Initramfs.Compression compression,
            BuildListener listener,
            String name) {
        this.debian = debian;
        this.cache = cache;
        this.assets = assets;
        this.compression = compression;
        this.listener = listener;
        this.name = name;
    }

    @Override
    public String description() {
        return name + " " + kernelMetaPackage() + " + " + BUSYBOX_PACKAGE;
    }

    @Override
    public void fetch() throws IOException {
        debian.fetch(List.of(kernelMetaPackage(), BUSYBOX_PACKAGE));
    }

    @Override
    public void addTo(StagedTree tree) throws IOException {
        // The kernel's Depends are followed like any package's, which fetches install-time tools the image never
        // reads (docs/kernel.md, Limitations); a way to ask for a package without its Depends would remove them.
        Map<String, Path> debs = debian.fetch(List.of(kernelMetaPackage(), BUSYBOX_PACKAGE));
        String imagePackage = imagePackage(debs);
        InputDigest inputs = inputs(debs.get(imagePackage), debs.get(BUSYBOX_PACKAGE));
        Optional<Path> cached = cache.lookup(CACHE_KIND, inputs.hex());
        if (cached.isPresent()) {
            listener.info("Kernel and initramfs of " + imagePackage + ": taken from cache " + cached.get());
        }
        Path entry = cached.isPresent() ? cached.get() : build(imagePackage, debs, inputs);
        release = Files.readString(entry.resolve(RELEASE_FILE), StandardCharsets.UTF_8)
                .strip();
        HostTree.addFile(entry.resolve(KERNEL_FILE), Stage1Layout.KERNEL_PATH, tree, name);
        HostTree.addFile(entry.resolve(INITRD_FILE), Stage1Layout.INITRD_PATH, tree, name);
    }

    /** Everything the kernel and initramfs are made from: the packages' bytes, the assets and the recipe. */
    private InputDigest inputs(Path kernelDeb, Path busyboxDeb) throws IOException {
        return new InputDigest()
                .add("recipe", RECIPE)
                .addFile("kernel package", kernelDeb)
                .addFile("busybox package", busyboxDeb)
                .add(Stage1Assets.INITRAMFS_MODULES_LIST, String.join(",", assets.initramfsModules()))
                .add(Stage1Assets.INITRAMFS_APPLETS_LIST, String.join(",", assets.initramfsApplets()))
                .add(Stage1Assets.INITRAMFS_INIT, new String(assets.initramfsInit(), StandardCharsets.UTF_8))
                .add("compression", compression.name());
    }

    /** Reads the packages, writes the kernel and the initramfs into a new cache entry and returns it. */
    private Path build(String imagePackage, Map<String, Path> debs, InputDigest inputs) throws IOException {
        listener.info("Reading the kernel and modules of " + imagePackage);
        DebianKernelPackage kernel = new DebianKernelPackage(debs.get(imagePackage), imagePackage, name, listener);
        List<DebianKernelPackage.Module> modules = kernel.modules(assets.initramfsModules());
        String kernelRelease = kernelRelease(kernel.vmlinuz(), imagePackage);
        if (!kernelRelease.equals(kernel.modulesRelease())) {
            throw new InvalidInputException(
                    name,
                    imagePackage + " holds kernel " + kernelRelease + " but the modules of " + kernel.modulesRelease()
                            + "; use an intact kernel package");
        }
        byte[] busybox = busybox(debs.get(BUSYBOX_PACKAGE));
        listener.info("Writing the initramfs: busybox, " + modules.size() + " modules, /init");
        listener.debug("Initramfs modules in load order: "
                + modules.stream().map(m -> m.info().name()).toList());
        byte[] initrd = initramfs(busybox, modules).toBytes(INITRAMFS_MTIME_SECONDS, compression);
        listener.debug("Initramfs: " + initrd.length + " bytes (" + compression + "), kernel " + kernelRelease + ": "
                + kernel.vmlinuz().length + " bytes");
        return store(inputs, kernel.vmlinuz(), initrd, kernelRelease);
    }

    private Path store(InputDigest inputs, byte[] kernel, byte[] initrd, String kernelRelease) throws IOException {
        Path work = cache.newWorkFolder(CACHE_KIND);
        try {
            Path entry = Files.createDirectory(work.resolve("entry"));
            Files.write(entry.resolve(KERNEL_FILE), kernel);
            Files.write(entry.resolve(INITRD_FILE), initrd);
            Files.writeString(entry.resolve(RELEASE_FILE), kernelRelease + "\n", StandardCharsets.UTF_8);
            Files.writeString(entry.resolve("inputs.txt"), inputs.describe(), StandardCharsets.UTF_8);
            return cache.store(CACHE_KIND, inputs.hex(), entry);
        } finally {
            BuildCache.deleteTree(work);
        }
    }

    @Override
    public Optional<String> release() {
        return Optional.ofNullable(release);
    }

    @Override
    public Optional<String> initrdPath() {
        return Optional.of(Stage1Layout.INITRD_PATH);
    }

    private String kernelMetaPackage() {
        return DebianInputs.kernelImagePackage(debian.settings().sources().architecture());
    }

    /** The package the meta-package depends on, e.g. {@code linux-image-6.1.0-57-amd64}. */
    private String imagePackage(Map<String, Path> debs) throws IOException {
        String meta = kernelMetaPackage();
        String depends = new DebArchive(debs.get(meta)).control().get("Depends", "");
        String image = Relation.parseField(depends, meta + " Depends").stream()
                .map(group -> group.get(0).name())
                .filter(dependency -> dependency.startsWith(KERNEL_PACKAGE_PREFIX))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        name,
                        meta + " depends on no " + KERNEL_PACKAGE_PREFIX + "* package (Depends: " + depends + ")"));
        if (!debs.containsKey(image)) {
            throw new InvalidInputException(
                    name,
                    debian.settings().lockFile() + " pins " + meta + " but not " + image + ", which it depends on;"
                            + " delete the lock file to resolve the packages anew");
        }
        return image;
    }

    private String kernelRelease(byte[] vmlinuz, String imagePackage) {
        try {
            return BzImage.parse(vmlinuz, imagePackage + " /boot/vmlinuz-*").kernelRelease();
        } catch (BzImageFormatException e) {
            throw new InvalidInputException(
                    name, "the kernel of " + imagePackage + " is not a bzImage: " + e.getMessage(), e);
        }
    }

    /** The static busybox of busybox-static, checked to load without a dynamic loader. */
    private byte[] busybox(Path deb) throws IOException {
        byte[][] found = new byte[1][];
        new DebArchive(deb).readFiles((path, sizeBytes, content) -> {
            if (BUSYBOX_PATH.matcher(path).matches()) {
                found[0] = content.readAllBytes();
            }
        });
        if (found[0] == null) {
            throw new InvalidInputException(name, BUSYBOX_PACKAGE + " (" + deb + ") holds no /bin/busybox");
        }
        ElfFile elf = ElfReader.read(ByteBuffer.wrap(found[0]), BUSYBOX_PACKAGE + " /bin/busybox");
        if (!elf.isStatic()) {
            throw new InvalidInputException(
                    name,
                    BUSYBOX_PACKAGE + "'s busybox is linked dynamically; the initramfs"
                            + " has no libraries, it needs a static one");
        }
        return found[0];
    }

    private Initramfs initramfs(byte[] busybox, List<DebianKernelPackage.Module> modules) {
        List<BootInitramfs.Module> files = modules.stream()
                .map(m -> new BootInitramfs.Module(m.info().name(), m.content()))
                .toList();
        return BootInitramfs.of(busybox, assets.initramfsApplets(), files, assets.initramfsInit());
    }
}
