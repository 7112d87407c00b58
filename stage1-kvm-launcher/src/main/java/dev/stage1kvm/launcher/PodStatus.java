package dev.stage1kvm.launcher;

import dev.stage1kvm.hypervisor.Hypervisor;
import dev.stage1kvm.pod.AppExec;
import dev.stage1kvm.pod.PodExit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * How a pod ended, as its app's exit status. The guest writes the status of each app that ends to
 * {@code rkt/status/<app>} on the pod share, and only then ends QEMU through isa-debug-exit with the last app's
 * status, so a status file is the record. QEMU's exit code (2 × status + 1, cut to a byte: the status's low 7 bits)
 * only picks which app ended last; an exit code with no status file behind it is the hypervisor's own end (a crash, a
 * kill, Ctrl-a x), never an app's status.
 */
final class PodStatus {

    private PodStatus() {}

    /**
     * @throws LauncherException when the VM ended before any app recorded a status
     */
    static int read(Hypervisor hypervisor, int hypervisorExitCode, Pod pod, List<AppExec> apps) throws IOException {
        List<Recorded> recorded = new ArrayList<>();
        for (AppExec app : apps) {
            Path file = pod.statusFolder().resolve(app.appName());
            if (Files.isRegularFile(file)) {
                recorded.add(new Recorded(status(app.appName(), file), Files.getLastModifiedTime(file)));
            }
        }
        if (recorded.isEmpty()) {
            throw new LauncherException("the VM ended (" + describe(hypervisor, hypervisorExitCode) + ") before any"
                    + " app recorded an exit status: the pod was stopped with Ctrl-a x, or the hypervisor or guest"
                    + " failed; run with --debug to see the guest's messages");
        }
        OptionalInt fromQemu =
                hypervisor == Hypervisor.QEMU ? PodExit.fromQemuExitCode(hypervisorExitCode) : OptionalInt.empty();
        List<Recorded> agreeing = recorded.stream()
                .filter(r -> fromQemu.isEmpty() || (r.status() & PodExit.QEMU_STATUS_MASK) == fromQemu.getAsInt())
                .toList();
        return (agreeing.isEmpty() ? recorded : agreeing)
                .stream()
                        .max(Comparator.comparing(Recorded::time))
                        .orElseThrow()
                        .status();
    }

    /** One app's recorded status and when it was written. */
    private record Recorded(int status, FileTime time) {}

    private static String describe(Hypervisor hypervisor, int exitCode) {
        // Java reports a process killed by signal N as exit code 128 + N
        return hypervisor + " exit code " + exitCode
                + (exitCode > 128 && exitCode < 128 + 32 ? ", perhaps killed by signal " + (exitCode - 128) : "");
    }

    private static int status(String app, Path file) throws IOException {
        try {
            return PodExit.fromStatusFile(app, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new LauncherException(e.getMessage(), e);
        }
    }
}
