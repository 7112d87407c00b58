package dev.stage1kvm.kernel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which to load kernel modules: every module after each module it depends on (its {@code .modinfo}
 * {@code depends=}, as depmod would read it), the wanted ones in the order given, each dependency in the order the
 * module lists them. Module names treat {@code -} and {@code _} alike, as the kernel does.
 */
public final class ModuleOrder {

    /**
     * The outcome.
     *
     * @param loadOrder the module files to load, dependencies first
     * @param builtIn wanted modules that are built into the kernel and need no loading
     */
    public record Result(List<String> loadOrder, List<String> builtIn) {}

    private final Map<String, List<String>> dependsByName = new LinkedHashMap<>();
    private final Set<String> builtIn = new HashSet<>();

    /**
     * @param dependsByName each module file of the kernel by name, with the names of the modules it depends on
     * @param builtIn the names of modules built into the kernel ({@code modules.builtin})
     */
    public ModuleOrder(Map<String, List<String>> dependsByName, Set<String> builtIn) {
        dependsByName.forEach((name, depends) -> this.dependsByName.put(
                canonical(name), depends.stream().map(ModuleOrder::canonical).toList()));
        builtIn.forEach(name -> this.builtIn.add(canonical(name)));
    }

    /** A module name as the kernel compares it: {@code virtio-rng} and {@code virtio_rng} are one module. */
    public static String canonical(String name) {
        return name.replace('-', '_');
    }

    /**
     * The load order of the wanted modules and all they depend on.
     *
     * @throws ModuleDependencyException naming a module the kernel lacks and who needs it, or a dependency cycle
     */
    public Result order(List<String> wanted) throws ModuleDependencyException {
        List<String> order = new ArrayList<>();
        List<String> wantedBuiltIn = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String name : wanted) {
            String module = canonical(name);
            if (builtIn.contains(module) && !dependsByName.containsKey(module)) {
                wantedBuiltIn.add(module);
            } else if (!dependsByName.containsKey(module)) {
                throw ModuleDependencyException.missingWanted(module);
            } else {
                visit(module, new ArrayList<>(), done, order);
            }
        }
        return new Result(List.copyOf(order), List.copyOf(wantedBuiltIn));
    }

    /**
     * Depth first: a module goes into the order once everything it depends on is there.
     *
     * @param path the modules being visited, the wanted one first
     */
    private void visit(String module, List<String> path, Set<String> done, List<String> order)
            throws ModuleDependencyException {
        if (done.contains(module)) {
            return;
        }
        if (path.contains(module)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(module), path.size()));
            cycle.add(module);
            throw ModuleDependencyException.cycle(cycle);
        }
        List<String> depends = dependsByName.get(module);
        if (depends == null) {
            if (builtIn.contains(module)) {
                return;
            }
            throw ModuleDependencyException.missingDependency(module, path);
        }
        path.add(module);
        for (String dependency : depends) {
            visit(dependency, path, done, order);
        }
        path.remove(path.size() - 1);
        done.add(module);
        order.add(module);
    }
}
