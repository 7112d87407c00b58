package dev.stage1kvm.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stage1-kvm version}: the launcher's version and the Java runtime it runs on. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Prints the launcher's version.")
final class VersionCommand implements Callable<Integer> {

    private final LauncherContext context;

    VersionCommand(LauncherContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.out().println(line());
        return 0;
    }

    static String line() {
        return "stage1-kvm " + version() + " (Java " + Runtime.version() + ")";
    }

    /** The project version Maven wrote into {@code version.properties} at build time. */
    static String version() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the launcher's version.properties", e);
        }
    }

    /** For {@code stage1-kvm --version}. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {line()};
        }
    }
}
