package dev.stage1kvm.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModuleOrderTest {

    /** The depends= of Debian bookworm's 6.1.0-57-amd64 modules, as modinfo printed them. */
    private static final Map<String, List<String>> BOOKWORM = bookworm();

    /** rng-core is built into that kernel. */
    private static final Set<String> BOOKWORM_BUILT_IN = Set.of("rng_core", "rng");

    @Test
    void ordersBookwormsNinePAndVirtioModulesDependenciesFirst() throws Exception {
        ModuleOrder.Result result = new ModuleOrder(BOOKWORM, BOOKWORM_BUILT_IN)
                .order(List.of(
                        "9p", "9pnet_virtio", "virtio_pci", "virtio_mmio", "virtio_console", "virtio-rng", "rng-core"));

        assertThat(result.loadOrder())
                .containsExactly(
                        "9pnet",
                        "netfs",
                        "fscache",
                        "9p",
                        "virtio_ring",
                        "virtio",
                        "9pnet_virtio",
                        "virtio_pci_modern_dev",
                        "virtio_pci_legacy_dev",
                        "virtio_pci",
                        "virtio_mmio",
                        "virtio_console",
                        "virtio_rng");
        assertThat(result.builtIn()).containsExactly("rng_core");
        for (String module : result.loadOrder()) {
            int position = result.loadOrder().indexOf(module);
            assertThat(result.loadOrder().subList(0, position))
                    .as("modules before %s", module)
                    .containsAll(BOOKWORM.getOrDefault(module, BOOKWORM.get(module.replace('_', '-'))));
        }
    }

    @Test
    void aDependencyBuiltIntoTheKernelIsNotLoaded() throws Exception {
        ModuleOrder order = new ModuleOrder(Map.of("virtio_rng", List.of("rng_core")), Set.of("rng_core"));

        assertThat(order.order(List.of("virtio_rng")).loadOrder()).containsExactly("virtio_rng");
    }

    @Test
    void aModuleWantedTwiceOrAlsoADependencyIsLoadedOnce() throws Exception {
        ModuleOrder order = new ModuleOrder(BOOKWORM, BOOKWORM_BUILT_IN);

        assertThat(order.order(List.of("virtio", "virtio_ring", "virtio")).loadOrder())
                .containsExactly("virtio_ring", "virtio");
    }

    @Test
    void dashesAndUnderscoresNameTheSameModule() throws Exception {
        ModuleOrder order =
                new ModuleOrder(Map.of("virtio-rng", List.of("virtio-ring"), "virtio_ring", List.of()), Set.of());

        assertThat(order.order(List.of("virtio_rng")).loadOrder()).containsExactly("virtio_ring", "virtio_rng");
    }

    @Test
    void aWantedModuleTheKernelLacksIsNamed() {
        ModuleOrder order = new ModuleOrder(BOOKWORM, BOOKWORM_BUILT_IN);

        assertThatThrownBy(() -> order.order(List.of("9p", "virtio_fs")))
                .isInstanceOf(ModuleDependencyException.class)
                .hasMessage("kernel module 'virtio_fs' is not in the kernel: no virtio_fs.ko and not in"
                        + " modules.builtin; check its name in the module list")
                .extracting(e -> ((ModuleDependencyException) e).module())
                .isEqualTo("virtio_fs");
    }

    @Test
    void aMissingDependencyNamesWhoNeedsIt() {
        Map<String, List<String>> modules = new LinkedHashMap<>(BOOKWORM);
        modules.remove("netfs");

        assertThatThrownBy(() -> new ModuleOrder(modules, BOOKWORM_BUILT_IN).order(List.of("9p")))
                .isInstanceOf(ModuleDependencyException.class)
                .hasMessageStartingWith("kernel module 'netfs', which 9p -> fscache depends on, is not in the kernel")
                .extracting(e -> ((ModuleDependencyException) e).chain())
                .isEqualTo(List.of("9p", "fscache"));
    }

    @Test
    void aCycleIsNamedFromItsFirstModule() {
        Map<String, List<String>> modules =
                Map.of("top", List.of("a"), "a", List.of("b"), "b", List.of("c"), "c", List.of("a"));

        assertThatThrownBy(() -> new ModuleOrder(modules, Set.of()).order(List.of("top")))
                .isInstanceOf(ModuleDependencyException.class)
                .hasMessageContaining("in a cycle, a -> b -> c -> a, so no load order exists");
    }

    @Test
    void aModuleThatDependsOnItselfIsACycle() {
        assertThatThrownBy(() -> new ModuleOrder(Map.of("a", List.of("a")), Set.of()).order(List.of("a")))
                .hasMessageContaining("in a cycle, a -> a,");
    }

    private static Map<String, List<String>> bookworm() {
        Map<String, List<String>> modules = new LinkedHashMap<>();
        modules.put("9p", List.of("9pnet", "fscache", "netfs"));
        modules.put("9pnet", List.of());
        modules.put("9pnet_virtio", List.of("virtio", "9pnet", "virtio_ring"));
        modules.put("netfs", List.of());
        modules.put("fscache", List.of("netfs"));
        modules.put("virtio", List.of("virtio_ring"));
        modules.put("virtio_ring", List.of());
        modules.put("virtio_pci", List.of("virtio_ring", "virtio_pci_modern_dev", "virtio_pci_legacy_dev", "virtio"));
        modules.put("virtio_pci_legacy_dev", List.of());
        modules.put("virtio_pci_modern_dev", List.of());
        modules.put("virtio_mmio", List.of("virtio", "virtio_ring"));
        modules.put("virtio_console", List.of("virtio", "virtio_ring"));
        modules.put("virtio-rng", List.of("virtio", "virtio_ring"));
        modules.put("virtio_blk", List.of("virtio", "virtio_ring"));
        return modules;
    }
}
