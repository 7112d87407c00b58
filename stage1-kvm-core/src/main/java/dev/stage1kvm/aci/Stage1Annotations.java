package dev.stage1kvm.aci;

import java.util.LinkedHashMap;
import java.util.Map;

/** Annotation names of a stage1 image: rkt's entrypoints and the ones this project's launcher reads. */
public final class Stage1Annotations {

    public static final String RKT_PREFIX = "coreos.com/rkt/stage1/";

    /** rkt's entrypoint annotations and the programs they name, in the order rkt's manifest lists them. */
    public static final Map<String, String> ENTRYPOINTS = entrypoints();

    public static final String INTERFACE_VERSION = RKT_PREFIX + "interface-version";

    /** The stage1 interface version of rkt 1.30, whose entrypoints this image carries. */
    public static final String INTERFACE_VERSION_VALUE = "6";

    public static final String OWN_PREFIX = "stage1-kvm.dev/";
    public static final String HYPERVISOR = OWN_PREFIX + "hypervisor";
    public static final String HYPERVISOR_PATH = OWN_PREFIX + "hypervisor-path";
    public static final String KERNEL_PATH = OWN_PREFIX + "kernel";
    public static final String INITRD_PATH = OWN_PREFIX + "initrd";
    public static final String LOADER_PATH = OWN_PREFIX + "loader";
    public static final String LIBRARY_PATH = OWN_PREFIX + "library-path";
    public static final String MODULE_DIR = OWN_PREFIX + "module-dir";
    public static final String FIRMWARE_DIR = OWN_PREFIX + "firmware-dir";
    public static final String KERNEL_PARAMS = OWN_PREFIX + "kernel-params";
    public static final String KERNEL_VERSION = OWN_PREFIX + "kernel-version";
    /** The guest's PID 1 (the kernel's {@code init=}); absent means {@link #DEFAULT_GUEST_INIT}. */
    public static final String GUEST_INIT = OWN_PREFIX + "init";

    /** PID 1 of an image that names none: the merged-/usr link to systemd. */
    public static final String DEFAULT_GUEST_INIT = "/sbin/init";

    private Stage1Annotations() {}

    private static Map<String, String> entrypoints() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(RKT_PREFIX + "run", "/init");
        map.put(RKT_PREFIX + "enter", "/enter_kvm");
        map.put(RKT_PREFIX + "gc", "/gc");
        map.put(RKT_PREFIX + "stop", "/stop_kvm");
        map.put(RKT_PREFIX + "app/add", "/app_add");
        map.put(RKT_PREFIX + "app/rm", "/app_rm");
        map.put(RKT_PREFIX + "app/start", "/app_start");
        map.put(RKT_PREFIX + "app/stop", "/app_stop");
        map.put(RKT_PREFIX + "attach", "/attach");
        return java.util.Collections.unmodifiableMap(map);
    }
}
