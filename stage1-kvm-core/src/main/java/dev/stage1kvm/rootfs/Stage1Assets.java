package dev.stage1kvm.rootfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The data of module stage1-assets, read from the classpath at run time (the core has no compile dependency on it;
 * the Maven plugin and the launcher put it on their classpath): the Debian package lists, the list of files to keep
 * from those packages, and the fixed layout with the {@code /etc} files (DESIGN.md section 3).
 */
public final class Stage1Assets {

    /** Where stage1-assets keeps its data on the classpath. */
    public static final String RESOURCE_FOLDER = "/dev/stage1kvm/assets/";

    public static final String PACKAGES_LIST = "packages.list";
    public static final String USERLAND_FILE_LIST = "files/userland.list";
    public static final String LAYOUT_LIST = "layout.list";
    public static final String INITRAMFS_MODULES_LIST = "initramfs/modules.list";
    public static final String INITRAMFS_APPLETS_LIST = "initramfs/applets.list";
    public static final String INITRAMFS_INIT = "initramfs/init";

    /** Debian Policy 5.6.1: lower case letters, digits, '+', '-' and '.', at least two, starting alphanumeric. */
    private static final Pattern PACKAGE_NAME = Pattern.compile("[a-z0-9][a-z0-9+.-]+");
    /** Kernel module and busybox applet names: what their file names may hold. */
    private static final Pattern MODULE_OR_APPLET_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private final Class<?> anchor;

    private Stage1Assets(Class<?> anchor) {
        this.anchor = anchor;
    }

    /** The assets on the classpath of this class. */
    public static Stage1Assets fromClasspath() {
        return new Stage1Assets(Stage1Assets.class);
    }

    /** The Debian packages every image's userland is made from. */
    public List<String> packages() {
        return packageNames(PACKAGES_LIST, text(PACKAGES_LIST));
    }

    /** The packages added for one hypervisor's image ({@code packages-<id>.list}); none when there is no list. */
    public List<String> packages(String hypervisorId) {
        String name = "packages-" + hypervisorId + ".list";
        return optionalText(name).map(text -> packageNames(name, text)).orElse(List.of());
    }

    /** The kernel modules the initramfs loads, before what they depend on is added. */
    public List<String> initramfsModules() {
        return names(INITRAMFS_MODULES_LIST, text(INITRAMFS_MODULES_LIST), MODULE_OR_APPLET_NAME, "a module name");
    }

    /** The busybox applets the initramfs's /init runs. */
    public List<String> initramfsApplets() {
        return names(INITRAMFS_APPLETS_LIST, text(INITRAMFS_APPLETS_LIST), MODULE_OR_APPLET_NAME, "an applet name");
    }

    /** The initramfs's /init script. */
    public byte[] initramfsInit() {
        return bytes(INITRAMFS_INIT);
    }

    /** What to keep of the unpacked userland packages, after the merged-/usr step. */
    public FileList userlandFiles() {
        return FileList.parse(USERLAND_FILE_LIST, text(USERLAND_FILE_LIST));
    }

    /** The fixed layout: mount points, {@code /var/run}, {@code /etc/mtab} and the {@code /etc} files. */
    public RootfsInput layout() {
        return new LayoutInput(LAYOUT_LIST, text(LAYOUT_LIST), this::bytes);
    }

    /**
     * The bytes of one resource, named relative to {@link #RESOURCE_FOLDER}.
     *
     * @throws IllegalStateException when stage1-assets is not on the classpath or lacks the resource
     */
    public byte[] bytes(String name) {
        return optionalBytes(name)
                .orElseThrow(() -> new IllegalStateException("stage1 asset " + RESOURCE_FOLDER + name
                        + " is missing: put the stage1-assets jar of the same version on the classpath"));
    }

    private String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    private Optional<String> optionalText(String name) {
        return optionalBytes(name).map(data -> new String(data, StandardCharsets.UTF_8));
    }

    private Optional<byte[]> optionalBytes(String name) {
        String resource = RESOURCE_FOLDER + name;
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stage1 asset " + resource, e);
        }
    }

    /**
     * Parses a package list: one Debian package name per line, {@code #} comments and blank lines ignored.
     *
     * @throws InvalidFileListException naming the list and line of a bad name
     */
    static List<String> packageNames(String listName, String text) {
        return names(listName, text, PACKAGE_NAME, "a Debian package name (lower case letters, digits, '+-.')");
    }

    /** One name per line matching {@code pattern}, each once; {@code #} comments and blank lines ignored. */
    static List<String> names(String listName, String text, Pattern pattern, String expected) {
        List<String> names = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!pattern.matcher(line).matches()) {
                throw new InvalidFileListException(listName, i + 1, line, "not " + expected);
            }
            if (names.contains(line)) {
                throw new InvalidFileListException(listName, i + 1, line, "listed twice; remove one line");
            }
            names.add(line);
        }
        return List.copyOf(names);
    }
}
