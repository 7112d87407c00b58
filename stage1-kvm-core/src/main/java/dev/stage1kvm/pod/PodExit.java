package dev.stage1kvm.pod;

import java.util.OptionalInt;

/**
 * Reads how a pod ended. The guest's {@code app-exit} writes the last app's status to {@code /rkt/status/<app>} and
 * to QEMU's isa-debug-exit port, which ends QEMU with exit code 2 × status + 1. lkvm's exit code carries nothing,
 * so there the status file is the record.
 */
public final class PodExit {

    /**
     * The bits of a status that survive in QEMU's exit code: 2 × status + 1 is cut to one byte by the host, so a
     * status of 128 or more reaches the host as status − 128.
     */
    public static final int QEMU_STATUS_MASK = 0x7f;

    private PodExit() {}

    /**
     * The app status a QEMU exit code carries, its low 7 bits only ({@link #QEMU_STATUS_MASK}): odd codes come from
     * isa-debug-exit; 0 is a plain poweroff (Ctrl-a x too) and any other even code is QEMU's own failure, neither
     * carrying a status.
     */
    public static OptionalInt fromQemuExitCode(int qemuExitCode) {
        if (qemuExitCode > 0 && qemuExitCode % 2 == 1) {
            return OptionalInt.of((qemuExitCode - 1) / 2);
        }
        return OptionalInt.empty();
    }

    /**
     * The status in a {@code /rkt/status/<app>} file: one decimal number, 0 to 255.
     *
     * @throws IllegalArgumentException when the file holds anything else
     */
    public static int fromStatusFile(String appName, String text) {
        String trimmed = text.strip();
        if (!trimmed.matches("\\d{1,3}") || Integer.parseInt(trimmed) > 255) {
            throw new IllegalArgumentException("status file of app " + appName + " holds '" + trimmed
                    + "', not an exit status from 0 to 255; the guest's app-exit wrote it wrongly or not at all");
        }
        return Integer.parseInt(trimmed);
    }
}
