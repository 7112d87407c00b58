package dev.stage1kvm.launcher;

import dev.stage1kvm.aci.AciFormatException;
import dev.stage1kvm.aci.InvalidManifestException;
import dev.stage1kvm.app.AppImageException;
import dev.stage1kvm.hypervisor.InvalidStage1Exception;
import dev.stage1kvm.pod.InvalidQuantityException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code stage1-kvm} command. This is the one place that picks an exit code: the app's status after a run, 0
 * for the other commands, {@value #LAUNCHER_ERROR} for any failure of the launcher itself, printed as one line
 * (with the stack trace under {@code --debug}). A SIGINT or SIGTERM ends the JVM with 128 + the signal (130, 143)
 * after the pod's cleanup hook has run.
 */
@Command(
        name = "stage1-kvm",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Runs pods of app images in a VM booted from a stage1-kvm image.",
        subcommands = CommandLine.HelpCommand.class)
public final class Main implements Callable<Integer> {

    /** Exit code for the launcher's own errors, as container runtimes use it (docker run, podman run). */
    public static final int LAUNCHER_ERROR = 125;

    static final String END_OF_OPTIONS = "--";

    private final LauncherContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Main(LauncherContext context) {
        this.context = context;
    }

    public static void main(String[] args) {
        System.exit(execute(args, LauncherContext.host()));
    }

    /** Runs the command line and returns the exit code. */
    static int execute(String[] args, LauncherContext context) {
        List<String> all = Arrays.asList(args);
        int end = all.indexOf(END_OF_OPTIONS);
        boolean runsPod = end > 0 && all.subList(0, end).contains("run");
        RunCommand run =
                new RunCommand(context, runsPod ? Optional.of(all.subList(end + 1, all.size())) : Optional.empty());
        CommandLine commandLine = new CommandLine(new Main(context))
                .addSubcommand("run", run)
                .addSubcommand("inspect", new InspectCommand(context))
                .addSubcommand("gc", new GcCommand(context))
                .addSubcommand("version", new VersionCommand(context))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new java.io.PrintWriter(context.out(), true))
                .setErr(new java.io.PrintWriter(context.err(), true));
        boolean debug = all.subList(0, end < 0 ? all.size() : end).contains("--debug");
        commandLine.setParameterExceptionHandler((e, ignored) -> {
            context.err()
                    .println(TerminalListener.PREFIX + oneLine(e.getMessage()) + "; see "
                            + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            return LAUNCHER_ERROR;
        });
        commandLine.setExecutionExceptionHandler((e, ignored, parsed) -> {
            context.err().println(TerminalListener.PREFIX + message(e));
            if (debug) {
                e.printStackTrace(context.err());
            }
            return LAUNCHER_ERROR;
        });
        String[] picocliArgs = runsPod ? all.subList(0, end).toArray(String[]::new) : args;
        return commandLine.execute(picocliArgs);
    }

    /** Without a command: the usage, and the error code, since nothing was done. */
    @Override
    public Integer call() {
        spec.commandLine().usage(context.err());
        return LAUNCHER_ERROR;
    }

    /** One line saying what went wrong; the exceptions of the launcher and the core already name input and remedy. */
    static String message(Exception e) {
        if (e instanceof LauncherException
                || e instanceof AppImageException
                || e instanceof AciFormatException
                || e instanceof InvalidManifestException
                || e instanceof InvalidQuantityException
                || e instanceof InvalidStage1Exception) {
            return oneLine(e.getMessage());
        }
        if (e instanceof IOException) {
            return "I/O error: " + oneLine(String.valueOf(e)) + "; run with --debug for details";
        }
        return "internal error: " + oneLine(String.valueOf(e)) + "; run with --debug for the stack trace";
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
