package dev.stage1kvm.kernel;

import java.util.List;

/** A final kernel config lacks options the stage1 needs; the message lists each with its feature and reason. */
public final class MissingKernelOptionsException extends Exception {

    private final String configSource;
    private final List<RequiredOptions.MissingOption> missing;

    public MissingKernelOptionsException(
            String configSource, String arch, List<RequiredOptions.MissingOption> missing) {
        super(message(configSource, arch, missing));
        this.configSource = configSource;
        this.missing = List.copyOf(missing);
    }

    private static String message(String configSource, String arch, List<RequiredOptions.MissingOption> missing) {
        StringBuilder out = new StringBuilder("kernel config ")
                .append(configSource)
                .append(" (")
                .append(arch)
                .append(") lacks ")
                .append(missing.size())
                .append(missing.size() == 1 ? " required option:" : " required options:");
        for (RequiredOptions.MissingOption m : missing) {
            out.append("\n  ").append(m.describe());
        }
        return out.append("\nAdd them to the kernel config fragment; an option that stays off after olddefconfig has ")
                .append("an unmet dependency (see its 'depends on' in the kernel's Kconfig).")
                .toString();
    }

    public String configSource() {
        return configSource;
    }

    public List<RequiredOptions.MissingOption> missing() {
        return missing;
    }
}
