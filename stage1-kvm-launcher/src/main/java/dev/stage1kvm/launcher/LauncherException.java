package dev.stage1kvm.launcher;

/**
 * A failure of the launcher itself (not of an app): bad input, a host that cannot run the pod, a pod folder that
 * cannot be made. The message is one line in the user's terms with one remedy; {@code main} turns it into exit
 * code {@value Main#LAUNCHER_ERROR}.
 */
public final class LauncherException extends RuntimeException {

    public LauncherException(String message) {
        super(message);
    }

    public LauncherException(String message, Throwable cause) {
        super(message, cause);
    }
}
