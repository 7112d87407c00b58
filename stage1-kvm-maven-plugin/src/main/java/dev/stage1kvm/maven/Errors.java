package dev.stage1kvm.maven;

import dev.stage1kvm.aci.AciFormatException;
import dev.stage1kvm.aci.BrokenHardLinkException;
import dev.stage1kvm.aci.InvalidManifestException;
import dev.stage1kvm.aci.UnsupportedCompressionException;
import dev.stage1kvm.build.InvalidSpecException;
import dev.stage1kvm.build.MissingKernelToolsException;
import dev.stage1kvm.build.Stage1RuleException;
import dev.stage1kvm.deb.DebException;
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
}
