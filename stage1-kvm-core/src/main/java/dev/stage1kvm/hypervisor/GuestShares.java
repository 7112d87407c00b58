package dev.stage1kvm.hypervisor;

/**
 * The two 9p shares a pod's guest sees, and the options it mounts them with. The host side and the guest's
 * first-stage init read the same constants, so tags and options cannot drift apart.
 */
public final class GuestShares {

    /** The image's rootfs, mounted as the guest's root ({@code root=root}). */
    public static final String ROOT_TAG = "root";

    /** The per-pod writable folder: apps, generated units, exit statuses. */
    public static final String POD_TAG = "pod";

    /**
     * Root mount options. {@code cache=loose} lets the guest cache files and metadata; that is safe only because the
     * root share is read-only to every pod, and it cut the systemd boot under TCG from about 3.5 s to 2.5 s.
     * {@code msize=262144} (256 KiB messages) lowers the round trips per file load.
     */
    public static final String ROOT_MOUNT_OPTIONS = "trans=virtio,version=9p2000.L,cache=loose,msize=262144";

    /**
     * Pod share mount options. {@code cache=mmap} caches nothing but allows shared mmap, so a status file the guest
     * writes is on the host the moment the write returns.
     */
    public static final String POD_MOUNT_OPTIONS = "trans=virtio,version=9p2000.L,cache=mmap,msize=262144";

    private GuestShares() {}
}
