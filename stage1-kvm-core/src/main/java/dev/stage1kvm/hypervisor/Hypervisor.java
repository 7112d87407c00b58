package dev.stage1kvm.hypervisor;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The hypervisors a stage1 image can carry, each at a fixed path at the top of the rootfs (rkt's layout). */
public enum Hypervisor {
    LKVM("lkvm", "/lkvm"),
    QEMU("qemu", "/qemu");

    private final String id;
    private final String guestPath;

    Hypervisor(String id, String guestPath) {
        this.id = id;
        this.guestPath = guestPath;
    }

    /** The name users write ({@code -Dhypervisors=lkvm,qemu}) and the suffix of the image's file name. */
    public String id() {
        return id;
    }

    /** Where the hypervisor binary sits in the stage1 rootfs. */
    public String guestPath() {
        return guestPath;
    }

    /**
     * The hypervisor named {@code id}.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static Hypervisor of(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(h -> h.id.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown hypervisor '" + id + "', expected one of "
                        + Arrays.stream(values()).map(Hypervisor::id).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return id;
    }
}
