package dev.stage1kvm.app;

import dev.stage1kvm.pod.AppExec;
import dev.stage1kvm.pod.AppResources;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An app image unpacked into a pod.
 *
 * @param image the image file or folder it came from
 * @param format what kind of image it was
 * @param rootfs the app's root folder on the host
 * @param config how the image says it runs
 */
public record UnpackedApp(Path image, AppFormat format, Path rootfs, ImageConfig config) {

    /** The PATH container runtimes assume for an image that sets none. */
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /**
     * How the app runs in the guest: the image's config with users and groups resolved by the image's own files.
     *
     * @throws AppImageException when the image names nothing to run, or a user or group it lacks
     */
    public AppExec toExec(String appName) throws IOException {
        if (config.exec().isEmpty()) {
            throw new AppImageException(
                    image,
                    "names no command to run (no exec, Entrypoint or Cmd); give one" + " after -- on the command line");
        }
        java.util.List<String> exec = new java.util.ArrayList<>(config.exec());
        exec.set(0, findProgram(exec.get(0)));
        int[] ids = Users.resolve(image, rootfs, config.user(), config.group());
        try {
            return new AppExec(
                    appName,
                    exec,
                    ids[0],
                    ids[1],
                    config.supplementaryGids(),
                    config.environment(),
                    config.workingDirectory());
        } catch (IllegalArgumentException e) {
            throw new AppImageException(image, e.getMessage(), e);
        }
    }

    /**
     * An absolute program as it is; a bare name looked up in the image's {@code PATH}, in the image's rootfs, as a
     * container runtime does before it starts the program.
     */
    private String findProgram(String program) throws IOException {
        if (program.startsWith("/")) {
            return program;
        }
        String path = config.environment().getOrDefault("PATH", DEFAULT_PATH);
        for (String dir : path.split(":")) {
            String candidate = (dir.endsWith("/") ? dir : dir + "/") + program;
            if (dir.startsWith("/") && !program.contains("/")) {
                java.util.Optional<Path> found = RootfsFiles.resolve(rootfs, candidate);
                if (found.isPresent() && java.nio.file.Files.isRegularFile(found.get())) {
                    return candidate;
                }
            }
        }
        throw new AppImageException(
                image,
                "command '" + program + "' is not in the image's PATH (" + path + ");"
                        + " give its absolute path after --, e.g. -- /bin/" + program);
    }

    /** The app's limits as the image gives them. */
    public AppResources resources(String appName) {
        return new AppResources(appName, config.memoryLimitBytes(), config.cpuLimitMillis());
    }
}
