package dev.stage1kvm.launcher;

import dev.stage1kvm.app.AppImageException;
import dev.stage1kvm.app.AppUnpacker;
import dev.stage1kvm.app.UnpackedApp;
import dev.stage1kvm.hypervisor.Accel;
import dev.stage1kvm.hypervisor.HostTsc;
import dev.stage1kvm.hypervisor.HypervisorCommand;
import dev.stage1kvm.hypervisor.LkvmCommand;
import dev.stage1kvm.hypervisor.QemuCommand;
import dev.stage1kvm.hypervisor.VmConfig;
import dev.stage1kvm.pod.AppExec;
import dev.stage1kvm.pod.AppResources;
import dev.stage1kvm.pod.AppUnits;
import dev.stage1kvm.pod.Sizing;
import dev.stage1kvm.pod.VmSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of {@code stage1-kvm run}: take the stage1 image from the store, make the pod folder, unpack the apps,
 * size the VM, write the units, choose the accelerator, start the hypervisor on this terminal, wait, and read how
 * the app ended. The pod is cleaned up on every path, a signal included.
 */
final class PodRunner {

    private final LauncherContext context;
    private final TerminalListener listener;

    PodRunner(LauncherContext context, TerminalListener listener) {
        this.context = context;
        this.listener = listener;
    }

    /** Runs the pod and returns the app's exit status. */
    int run(RunOptions options) throws IOException {
        requireAppsExist(options);
        ImageStore store = new ImageStore(Locations.images(context.environment()), listener);
        Stage1Image stage1 = Stage1Image.load(options.stage1(), store, listener);
        listener.info("stage1 image " + stage1.imageId() + " (" + stage1.files().hypervisor() + ")");
        Pod pod = null;
        try (RunCleanup cleanup = new RunCleanup(context.err())) {
            Accel accel = new AccelDecision(context, listener).choose(options.accel(), stage1.files());
            pod = cleanup.adopt(Pod.create(Locations.pods(context.environment()), options.keep()));
            listener.info("pod " + pod.uuid() + " at " + pod.folder());
            List<AppExec> apps = new ArrayList<>();
            List<AppResources> resources = new ArrayList<>();
            unpackApps(options, pod, apps, resources);
            pod.writeUnits(units(apps, resources));
            VmSize size = Sizing.size(resources, context.hostCpuCount());
            listener.debug(size.explanation());
            HypervisorCommand command = command(stage1, vmConfig(stage1, pod, size, accel, options.debug()));
            listener.debug("hypervisor: " + command.toDebugString());
            int exitCode = new HypervisorRun(pod, listener).run(command);
            return PodStatus.read(stage1.files().hypervisor(), exitCode, pod, apps);
        } finally {
            if (pod != null && options.keep()) {
                context.err().println(TerminalListener.PREFIX + "pod folder kept at " + pod.folder());
            }
        }
    }

    private static void requireAppsExist(RunOptions options) {
        for (Path app : options.apps()) {
            if (!Files.exists(app)) {
                throw new LauncherException("app image " + app + " does not exist; name an ACI file, an OCI image"
                        + " layout folder or a docker save tarball");
            }
        }
    }

    private void unpackApps(RunOptions options, Pod pod, List<AppExec> apps, List<AppResources> resources)
            throws IOException {
        AppUnpacker unpacker = new AppUnpacker(listener);
        List<String> names = AppNames.of(options.apps());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            pod.requireOpen();
            listener.info("unpacking app " + name + " from " + options.apps().get(i));
            UnpackedApp app = unpack(unpacker, options.apps().get(i), pod.appFolder(name));
            if (i == names.size() - 1 && options.appArguments().isPresent()) {
                app = new UnpackedApp(
                        app.image(),
                        app.format(),
                        app.rootfs(),
                        app.config().withCommand(options.appArguments().get()));
            }
            apps.add(app.toExec(name));
            AppResources limits = app.resources(name);
            resources.add(new AppResources(
                    name,
                    options.memoryLimitBytes().isPresent() ? options.memoryLimitBytes() : limits.memoryLimitBytes(),
                    options.cpuLimitMillis().isPresent() ? options.cpuLimitMillis() : limits.cpuLimitMillis()));
        }
    }

    /**
     * Unpacks one app into the pod folder. A bad image keeps its own message; any other I/O failure is the pod
     * folder's (a full or failing disk), said with where and what to do.
     */
    private static UnpackedApp unpack(AppUnpacker unpacker, Path image, Path target) throws IOException {
        try {
            return unpacker.unpack(image, target);
        } catch (AppImageException e) {
            throw e;
        } catch (IOException e) {
            throw new LauncherException(
                    "cannot unpack app image " + image + " into the pod folder "
                            + target.getParent().getParent()
                            + " (" + e.getMessage() + "); free space there or set XDG_RUNTIME_DIR to a folder with"
                            + " room",
                    e);
        }
    }

    /** The guest's unit files; a value a unit file cannot hold is the image's problem, said in one line. */
    private static java.util.Map<String, String> units(List<AppExec> apps, List<AppResources> resources) {
        try {
            return AppUnits.fromAssets().render(apps, resources);
        } catch (IllegalArgumentException e) {
            throw new LauncherException(e.getMessage(), e);
        }
    }

    private VmConfig vmConfig(Stage1Image stage1, Pod pod, VmSize size, Accel accel, boolean debug) {
        return new VmConfig(
                "stage1-kvm-" + pod.uuid(),
                stage1.files().boot(),
                stage1.storeFolder().resolve("rootfs"),
                pod.folder(),
                size.memoryMib(),
                size.vcpuCount(),
                accel,
                HostTsc.detect(context.hostRoot()),
                debug,
                kernelParams(stage1, pod));
    }

    /**
     * The pod's own kernel parameters, then the image's: systemd boots into the pod's target, and the pod gets its own
     * machine ID, which systemd mounts over the image's read-only /etc/machine-id.
     */
    static List<String> kernelParams(Stage1Image stage1, Pod pod) {
        List<String> params = new ArrayList<>();
        params.add("systemd.unit=" + AppUnits.TARGET);
        params.add("systemd.machine_id=" + pod.uuid().toString().replace("-", ""));
        params.addAll(stage1.files().kernelParams());
        return params;
    }

    private static HypervisorCommand command(Stage1Image stage1, VmConfig config) {
        try {
            return switch (stage1.files().hypervisor()) {
                case QEMU -> new QemuCommand(stage1.files().qemu().orElseThrow()).build(config);
                case LKVM -> new LkvmCommand(stage1.files().hypervisorBinary()).build(config);
            };
        } catch (IllegalArgumentException e) {
            throw new LauncherException(e.getMessage(), e);
        }
    }
}
