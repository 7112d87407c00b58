package dev.stage1kvm.rootfs;

/** The fixed part of every stage1 rootfs (DESIGN.md section 3), added before any input. */
public final class Stage1Layout {

    /** Where the guest kernel lives in the rootfs; rkt's path. */
    public static final String KERNEL_PATH = "/kernel_image";

    /** Where an initramfs goes, for a kernel that needs modules to mount its root; rkt's path. */
    public static final String INITRD_PATH = "/initrd.img";

    private Stage1Layout() {}

    public static StagedTree skeleton() {
        return new StagedTree()
                .put("/flavor", new StagedEntry.Symlink("kvm"))
                .put("/opt/stage2", new StagedEntry.Directory(0755))
                .put("/rkt/status", new StagedEntry.Directory(0755))
                .put("/rkt/env", new StagedEntry.Directory(0755));
    }
}
