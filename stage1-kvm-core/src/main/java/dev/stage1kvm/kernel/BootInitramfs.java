package dev.stage1kvm.kernel;

import dev.stage1kvm.kernel.Initramfs.CharDevice;
import dev.stage1kvm.kernel.Initramfs.Directory;
import dev.stage1kvm.kernel.Initramfs.File;
import dev.stage1kvm.kernel.Initramfs.Symlink;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The initramfs through which a kernel with modular 9p and virtio drivers reaches its 9p root: a static busybox with a
 * link per applet the init script runs, the modules and the order to load them in, the init script, and the folders it
 * mounts on. The init script (stage1-assets' {@code initramfs/init}) relies on this layout.
 */
public final class BootInitramfs {

    /** The static busybox; every applet is a link to it in the same folder. */
    public static final String BUSYBOX = "bin/busybox";

    /** Where the modules go, each as {@code <name>.ko}. */
    public static final String MODULE_FOLDER = "lib/modules";

    /** The module names in load order, one per line. */
    public static final String LOAD_ORDER = MODULE_FOLDER + "/load.order";

    /** Where the kernel looks for the program to run as PID 1 in an initramfs (its default {@code rdinit=}). */
    public static final String INIT = "init";

    /** The mount points the init script uses: the kernel's file systems and the root before it becomes {@code /}. */
    static final List<String> MOUNT_POINTS = List.of("dev", "newroot", "proc", "sys");

    /**
     * The console device node (char 5:1), which the kernel opens for PID 1 before devtmpfs is mounted, so that the
     * init script has a console from its first line where the console's driver is built in.
     */
    static final CharDevice CONSOLE = new CharDevice("dev/console", 0600, 5, 1);

    /** A module to load: its name as the kernel knows it and its uncompressed bytes. */
    public record Module(String name, byte[] content) {}

    private BootInitramfs() {}

    /**
     * The initramfs's entries.
     *
     * @param busybox a statically linked busybox
     * @param applets the applets the init script runs, each linked to busybox
     * @param modules the modules, dependencies first
     * @param init the init script
     */
    public static Initramfs of(byte[] busybox, List<String> applets, List<Module> modules, byte[] init) {
        Initramfs initramfs = new Initramfs()
                .add(new Directory("bin", 0755))
                .add(new File(BUSYBOX, 0755, busybox))
                .add(new Directory("lib", 0755))
                .add(new Directory(MODULE_FOLDER, 0755))
                .add(new File(INIT, 0755, init));
        MOUNT_POINTS.forEach(path -> initramfs.add(new Directory(path, 0755)));
        initramfs.add(CONSOLE);
        applets.forEach(applet -> initramfs.add(new Symlink("bin/" + applet, "busybox")));
        StringBuilder order = new StringBuilder();
        for (Module module : modules) {
            initramfs.add(new File(MODULE_FOLDER + "/" + module.name() + ".ko", 0644, module.content()));
            order.append(module.name()).append('\n');
        }
        initramfs.add(new File(LOAD_ORDER, 0644, order.toString().getBytes(StandardCharsets.UTF_8)));
        return initramfs;
    }
}
