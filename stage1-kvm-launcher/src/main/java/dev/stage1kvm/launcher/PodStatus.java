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
 * How a pod ended, as its app's exit status. The guest writes the status of each app that ends to
 * {@code rkt/status/<app>} on the pod share, then ends QEMU through isa-debug-exit with the last app's status. QEMU's
 * exit code (2 × status + 1) keeps only the status's low 7 bits once the host truncates it to a byte, so the status
 * file that agrees with it gives the full value (128 + N for a signal); the exit code alone serves when no file does.
 */
final class PodStatus {

    private PodStatus() {}

    /**
     * @throws LauncherException when the VM ended before any app recorded a status
     */
    static int read(Hypervisor hypervisor, int hypervisorExitCode, Pod pod, List<AppExec> apps) throws IOException {
        OptionalInt fromQemu =
                hypervisor == Hypervisor.QEMU ? PodExit.fromQemuExitCode(hypervisorExitCode) : OptionalInt.empty();
        Optional<Path> last = lastStatusFile(pod, apps);
        if (last.isEmpty()) {
            if (fromQemu.isPresent()) {
                return fromQemu.getAsInt();
            }
            throw new LauncherException("the VM ended (" + hypervisor + " exit code " + hypervisorExitCode + ")"
                    + " before any app recorded an exit status; run with --debug to see the guest's messages");
        }
        String app = last.get().getFileName().toString();
        int fromFile;
        try {
            fromFile = PodExit.fromStatusFile(app, Files.readString(last.get(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new LauncherException(e.getMessage(), e);
        }
        if (fromQemu.isPresent() && (fromFile & PodExit.QEMU_STATUS_MASK) != fromQemu.getAsInt()) {
            return fromQemu.getAsInt();
        }
        return fromFile;
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
