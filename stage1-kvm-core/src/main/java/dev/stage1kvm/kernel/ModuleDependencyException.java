package dev.stage1kvm.kernel;

import java.util.List;

/**
 * The kernel modules an initramfs should load have no load order: one of them, or one they depend on, is neither a
 * module file nor built into the kernel, or their dependencies form a cycle.
 */
public final class ModuleDependencyException extends Exception {

    private final String module;
    private final List<String> chain;

    private ModuleDependencyException(String module, List<String> chain, String message) {
        super(message);
        this.module = module;
        this.chain = List.copyOf(chain);
    }

    /** A wanted module the kernel does not have. */
    static ModuleDependencyException missingWanted(String module) {
        return new ModuleDependencyException(
                module,
                List.of(module),
                "kernel module '" + module + "' is not in the kernel: no " + module + ".ko and not in modules.builtin;"
                        + " check its name in the module list");
    }

    /** A module that {@code chain} (wanted module first) depends on and the kernel does not have. */
    static ModuleDependencyException missingDependency(String module, List<String> chain) {
        return new ModuleDependencyException(
                module,
                chain,
                "kernel module '" + module + "', which " + String.join(" -> ", chain) + " depends on, is not in the"
                        + " kernel: no " + module + ".ko and not in modules.builtin; the kernel's modules are"
                        + " incomplete, use a complete kernel package");
    }

    /** Modules that depend on each other; {@code cycle} starts and ends with the same module. */
    static ModuleDependencyException cycle(List<String> cycle) {
        return new ModuleDependencyException(
                cycle.get(0),
                cycle,
                "kernel modules depend on each other in a cycle, " + String.join(" -> ", cycle)
                        + ", so no load order exists; the kernel's modules are damaged, use another kernel package");
    }

    /** The module that is missing, or the first of the cycle. */
    public String module() {
        return module;
    }

    /** The wanted module down to the missing one, or the cycle. */
    public List<String> chain() {
        return chain;
    }
}
