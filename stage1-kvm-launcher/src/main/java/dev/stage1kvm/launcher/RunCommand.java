package dev.stage1kvm.launcher;

import dev.stage1kvm.pod.Quantities;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stage1-kvm run}: parses and checks the flags, then hands over to {@link PodRunner}. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the apps in one pod VM and exits with the app's exit status (125: the launcher failed).",
            "An APP is an ACI file, an OCI image layout folder or a docker save tarball.",
            "Words after -- replace the last app's command (its Cmd, or its exec arguments)."
        })
final class RunCommand implements Callable<Integer> {

    /** The environment variable naming the stage1 image when --stage1 is not given. */
    static final String STAGE1_VARIABLE = "STAGE1_KVM_STAGE1";

    @Option(names = "--debug", description = "Show kernel and systemd messages, the VM size and the hypervisor argv.")
    boolean debug;

    @Option(
            names = "--stage1",
            paramLabel = "IMAGE.aci",
            description = "The stage1 image to boot. Default: $" + STAGE1_VARIABLE + ".")
    Path stage1;

    @Option(
            names = "--accel",
            paramLabel = "auto|kvm|tcg",
            defaultValue = "auto",
            description = "KVM when a probe shows it works (auto), KVM or fail (kvm), or QEMU's TCG. Default: auto.")
    RunOptions.AccelChoice accel;

    @Option(
            names = "--memory",
            paramLabel = "Q",
            description = "Each app's memory limit, e.g. 512Mi, 1G; replaces" + " the images' resource/memory limits.")
    String memory;

    @Option(
            names = "--cpu",
            paramLabel = "Q",
            description = "Each app's CPU limit in cores, e.g. 2, 500m; replaces" + " the images' resource/cpu limits.")
    String cpu;

    @Option(names = "--keep", description = "Keep the pod folder when the pod ends (its path is printed).")
    boolean keep;

    @Parameters(paramLabel = "APP", arity = "1..*", description = "App images, started in this order.")
    List<Path> apps;

    private final LauncherContext context;
    private final Optional<List<String>> appArguments;

    RunCommand(LauncherContext context, Optional<List<String>> appArguments) {
        this.context = context;
        this.appArguments = appArguments;
    }

    @Override
    public Integer call() throws Exception {
        RunOptions options = new RunOptions(
                stage1Image(),
                accel,
                memory == null ? OptionalLong.empty() : OptionalLong.of(Quantities.memoryBytes("--memory", memory)),
                cpu == null ? OptionalLong.empty() : OptionalLong.of(Quantities.cpuMillis("--cpu", cpu)),
                apps,
                appArguments,
                debug,
                keep);
        return new PodRunner(context, new TerminalListener(context.err(), debug)).run(options);
    }

    private Path stage1Image() {
        if (stage1 != null) {
            return stage1;
        }
        String fromEnvironment = context.environment().get(STAGE1_VARIABLE);
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            throw new LauncherException("no stage1 image: pass --stage1 IMAGE.aci or set " + STAGE1_VARIABLE);
        }
        return Path.of(fromEnvironment);
    }
}
