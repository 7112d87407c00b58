package dev.stage1kvm.launcher;

import dev.stage1kvm.hypervisor.Hypervisor;
import dev.stage1kvm.pod.AppExec;
import dev.stage1kvm.pod.PodExit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a pod ended, as its app's exit status: QEMU's isa-debug-exit code when it carries one, else the status file of
 * the app that ended last ({@code rkt/status/<app>} on the pod share).
 */
final class PodStatus {

    private PodStatus() {}

    /**
     * @throws LauncherException when the VM ended before any app recorded a status
     */
    static int read(Hypervisor hypervisor, int hypervisorExitCode, Pod pod, List<AppExec> apps) throws IOException {
        if (hypervisor == Hypervisor.QEMU) {
            OptionalInt status = PodExit.fromQemuExitCode(hypervisorExitCode);
            if (status.isPresent()) {
                return status.getAsInt();
            }
        }
        Optional<Path> last = lastStatusFile(pod, apps);
        if (last.isEmpty()) {
            throw new LauncherException("the VM ended (" + hypervisor + " exit code " + hypervisorExitCode + ")"
                    + " before any app recorded an exit status; run with --debug to see the guest's messages");
        }
        String app = last.get().getFileName().toString();
        try {
            return PodExit.fromStatusFile(app, Files.readString(last.get(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new LauncherException(e.getMessage(), e);
        }
    }

    private static Optional<Path> lastStatusFile(Pod pod, List<AppExec> apps) throws IOException {
        Path last = null;
        FileTime lastTime = null;
        for (AppExec app : apps) {
            Path file = pod.statusFolder().resolve(app.appName());
            if (Files.isRegularFile(file)) {
                FileTime time = Files.getLastModifiedTime(file);
                if (lastTime == null || time.compareTo(lastTime) >= 0) {
                    last = file;
                    lastTime = time;
                }
            }
        }
        return Optional.ofNullable(last);
    }
}
