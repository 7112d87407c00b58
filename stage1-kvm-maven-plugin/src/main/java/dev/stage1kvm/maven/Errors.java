package dev.stage1kvm.maven;

import dev.stage1kvm.aci.AciFormatException;
import dev.stage1kvm.aci.BrokenHardLinkException;
import dev.stage1kvm.aci.InvalidManifestException;
import dev.stage1kvm.aci.UnsupportedCompressionException;
import dev.stage1kvm.build.InvalidSpecException;
import dev.stage1kvm.build.MissingKernelToolsException;
import dev.stage1kvm.build.Stage1RuleException;
import dev.stage1kvm.deb.DebException;
import dev.stage1kvm.deb.PinnedPackageMissingException;
import dev.stage1kvm.elf.MissingLibraryException;
import dev.stage1kvm.rootfs.InvalidInputException;
import java.io.IOException;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Turns the engine's exceptions into Maven's: a problem with the user's configuration or input is a failure, in the
 * plugin's parameter names, without a cause (Maven would repeat the cause's message); anything unexpected is an
 * execution error that keeps its cause.
 */
final class Errors {

    /** The engine's setting names and the parameter and property a user writes for each. */
    private static final Map<String, String> PARAMETERS = Map.ofEntries(
            parameter("name", PropertyNames.NAME),
            parameter("version", PropertyNames.VERSION),
            parameter("arch", PropertyNames.ARCH),
            parameter("hypervisors", PropertyNames.HYPERVISORS),
            parameter("outputDirectory", PropertyNames.OUTPUT_DIRECTORY),
            parameter("kernelSource", PropertyNames.KERNEL_SOURCE),
            parameter("kernelSourceSha256", PropertyNames.KERNEL_SOURCE_SHA256),
            parameter("debianMirror", PropertyNames.DEBIAN_MIRROR),
            parameter("debianSuites", PropertyNames.DEBIAN_SUITES),
            parameter("debianComponents", PropertyNames.DEBIAN_COMPONENTS),
            parameter("keyring", PropertyNames.KEYRING),
            Map.entry("outputTimestamp", "<outputTimestamp> (project.build.outputTimestamp)"),
            Map.entry("SOURCE_DATE_EPOCH", "the environment variable SOURCE_DATE_EPOCH"));

    /** The one switch that builds without a compiler: Debian's prebuilt kernel. */
    static final String NO_COMPILER_SWITCH =
            "-D" + PropertyNames.KERNEL_ORIGIN + "=" + AbstractStage1Mojo.KERNEL_ORIGIN_DEBIAN;

    /** Debian's security archive keeps its packages below this folder; the other archives below {@code pool/main/}. */
    static final String SECURITY_POOL = "pool/updates/";

    /** snapshot.debian.org serves each archive as it was at a time: {@code <archive>/<yyyyMMdd'T'HHmmss'Z'>}. */
    static final String SNAPSHOT_ARCHIVE = "https://snapshot.debian.org/archive/";

    /** A time in the example of a snapshot URL; the user takes the day the lock file was written. */
    static final String SNAPSHOT_EXAMPLE_TIME = "20250601T000000Z";

    /** The body of a goal. */
    @FunctionalInterface
    interface Body {
        void run() throws IOException, MojoFailureException, MojoExecutionException;
    }

    private Errors() {}

    private static Map.Entry<String, String> parameter(String setting, String property) {
        return Map.entry(setting, "<" + setting + "> (-D" + property + ")");
    }

    static void translate(Body body) throws MojoFailureException, MojoExecutionException {
        try {
            body.run();
        } catch (InvalidSpecException e) {
            String parameter = PARAMETERS.getOrDefault(e.setting(), e.setting());
            throw new MojoFailureException("Invalid " + parameter + " '" + e.value() + "': " + e.problem());
        } catch (MissingKernelToolsException e) {
            throw new MojoFailureException(e.getMessage() + ". Or build without a compiler, with Debian's prebuilt"
                    + " kernel: " + NO_COMPILER_SWITCH);
        } catch (UnsupportedCompressionException e) {
            throw new MojoFailureException(
                    "Invalid <compression> (-D" + PropertyNames.COMPRESSION + "): " + e.getMessage(), e);
        } catch (PinnedPackageMissingException e) {
            throw new MojoFailureException(e.problem() + " " + pinnedPackageRemedy(e));
        } catch (InvalidInputException
                | InvalidManifestException
                | Stage1RuleException
                | AciFormatException
                | BrokenHardLinkException
                | DebException
                | MissingLibraryException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("Stage1 build failed: " + e.getMessage(), e);
        }
    }

    /** Re-resolving or a snapshot archive, as the user asks for them; the engine knows no switches. */
    static String pinnedPackageRemedy(PinnedPackageMissingException e) {
        String snapshot = e.entry().path().startsWith(SECURITY_POOL)
                ? "naming a snapshot of the security archive from the day the lock file was written as the security"
                        + " suite of <debianSuites> (-D" + PropertyNames.DEBIAN_SUITES
                        + "), e.g. 'bookworm,bookworm-updates,"
                        + SNAPSHOT_ARCHIVE + "debian-security/" + SNAPSHOT_EXAMPLE_TIME + " bookworm-security'"
                : "pointing <debianMirror> (-D" + PropertyNames.DEBIAN_MIRROR + ") at a snapshot archive from the day"
                        + " the lock file was written, e.g. " + SNAPSHOT_ARCHIVE + "debian/" + SNAPSHOT_EXAMPLE_TIME;
        return "The mirror may lag behind its index (then try again later), or no longer carry this version: run once"
                + " with -D" + PropertyNames.UPDATE_LOCK + " to resolve the packages anew and rewrite the lock file, or"
                + " keep the pinned versions by " + snapshot + ".";
    }
}
