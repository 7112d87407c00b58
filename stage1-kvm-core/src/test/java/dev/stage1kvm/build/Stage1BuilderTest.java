package dev.stage1kvm.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.aci.AciContents;
import dev.stage1kvm.aci.AciEntry;
import dev.stage1kvm.aci.AciReader;
import dev.stage1kvm.aci.Compression;
import dev.stage1kvm.aci.ImageManifest;
import dev.stage1kvm.aci.ManifestJson;
import dev.stage1kvm.aci.NameValue;
import dev.stage1kvm.aci.Stage1Annotations;
import dev.stage1kvm.hypervisor.Hypervisor;
import dev.stage1kvm.kernel.KernelArch;
import dev.stage1kvm.kernel.KernelBuilder;
import dev.stage1kvm.kernel.KernelBzImageTest;
import dev.stage1kvm.kernel.KernelConfig;
import dev.stage1kvm.kernel.KernelRecipe;
import dev.stage1kvm.kernel.RequiredOptions;
import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.HostPathInput;
import dev.stage1kvm.rootfs.HostTree;
import dev.stage1kvm.rootfs.InvalidInputException;
import dev.stage1kvm.rootfs.RootfsIndex;
import dev.stage1kvm.rootfs.RootfsInput;
import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import dev.stage1kvm.source.BuildCache;
import dev.stage1kvm.source.BuildEnvironment;
import dev.stage1kvm.source.MakeRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Stage1BuilderTest {

    private static final Instant MTIME = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path work;

    private Path out;
    private final List<String> log = new ArrayList<>();
    private final BuildListener listener = new BuildListener() {
        @Override
        public void info(String message) {
            log.add(message);
        }

        @Override
        public void debug(String message) {}

        @Override
        public void warn(String message) {
            log.add("WARN " + message);
        }
    };

    @BeforeEach
    void inputs() throws IOException {
        out = work.resolve("out");
        Files.createDirectories(work.resolve("rootfs/etc"));
        Files.writeString(work.resolve("rootfs/etc/os-release"), "ID=test\n");
        Files.write(work.resolve("kernel"), KernelBzImageTest.bzImage(new byte[64], 1));
        Files.writeString(work.resolve("qemu"), "#!/bin/sh\n");
        Files.writeString(work.resolve("lkvm"), "#!/bin/sh\n");
    }

    @Test
    void buildsOneImagePerHypervisorWithItsOwnBinary() throws IOException {
        List<Stage1Builder.Stage1Image> images =
                new Stage1Builder(listener).build(spec(List.of(Hypervisor.LKVM, Hypervisor.QEMU)));

        assertThat(images)
                .extracting(image -> image.path().getFileName().toString())
                .containsExactly("stage1-kvm-lkvm.aci", "stage1-kvm-qemu.aci");
        AciContents qemu = new AciReader().read(out.resolve("stage1-kvm-qemu.aci"));
        assertThat(qemu.entries())
                .extracting(AciEntry::name)
                .contains("rootfs/qemu", "rootfs/kernel_image", "rootfs/etc/os-release", "rootfs/flavor")
                .doesNotContain("rootfs/lkvm");
        assertThat(Files.readString(out.resolve("stage1-kvm-qemu.aci.id"))).isEqualTo(qemu.imageId() + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("stage1-kvm-qemu.aci.id"))))
                .isEqualTo("rw-r--r--");
        assertThat(ManifestJson.read(qemu.manifestJson(), "manifest").label("kernelversion"))
                .hasValue("6.1.192");
        assertThat(log.get(log.size() - 1)).startsWith("stage1-kvm-qemu.aci: ").endsWith(qemu.imageId());
    }

    @Test
    void refusesAKernelThatIsNotABzImage() throws IOException {
        Files.writeString(work.resolve("kernel"), "not a kernel");

        assertThatThrownBy(() -> new Stage1Builder(listener).build(spec(List.of(Hypervisor.QEMU))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("<kernel>: '" + work.resolve("kernel") + "' is not a bzImage");
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void oneHypervisorGivesRktsSingleFileName() throws IOException {
        new Stage1Builder(listener).build(spec(List.of(Hypervisor.QEMU)));

        assertThat(out.resolve("stage1-kvm.aci")).isRegularFile();
        assertThat(out.resolve("stage1-kvm-qemu.aci")).doesNotExist();
    }

    @Test
    void writesNothingWhenAnyImageBreaksTheRules() {
        Stage1Spec spec = spec(List.of(Hypervisor.QEMU, Hypervisor.LKVM), Map.of(Hypervisor.QEMU, List.of(qemu())));

        assertThatThrownBy(() -> new Stage1Builder(listener).build(spec))
                .isInstanceOf(Stage1RuleException.class)
                .hasMessageContaining("the lkvm image breaks the stage1 rules")
                .hasMessageContaining("found neither");
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void sameInputsGiveTheSameImageId() throws IOException {
        String first = new Stage1Builder(listener)
                .build(spec(List.of(Hypervisor.QEMU)))
                .get(0)
                .imageId();
        Files.delete(out.resolve("stage1-kvm.aci"));
        String second = new Stage1Builder(listener)
                .build(spec(List.of(Hypervisor.QEMU)))
                .get(0)
                .imageId();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void addsTheAnnotationsAHypervisorsInputNamesFromTheFinishedRootfsToThatManifestOnly() throws IOException {
        AnnotatingInput annotating = new AnnotatingInput() {
            @Override
            public String description() {
                return "annotating qemu";
            }

            @Override
            public void addTo(StagedTree tree) throws IOException {
                qemu().addTo(tree);
            }

            @Override
            public List<NameValue> annotations(RootfsIndex image) {
                String found = image.resolve("/etc/os-release") instanceof RootfsIndex.Found ? "yes" : "no";
                return List.of(new NameValue("stage1-kvm.dev/test-os-release", found));
            }
        };
        Map<Hypervisor, List<RootfsInput>> overlays = Map.of(
                Hypervisor.QEMU, List.of(annotating),
                Hypervisor.LKVM, List.of(new HostPathInput(work.resolve("lkvm"), "/lkvm", "lkvm")));

        new Stage1Builder(listener).build(spec(List.of(Hypervisor.LKVM, Hypervisor.QEMU), overlays));

        assertThat(manifest("stage1-kvm-qemu.aci").annotation("stage1-kvm.dev/test-os-release"))
                .hasValue("yes");
        assertThat(manifest("stage1-kvm-lkvm.aci").annotation("stage1-kvm.dev/test-os-release"))
                .isEmpty();
    }

    @Test
    void missingKernelToolsStopTheBuildBeforeAnyInputIsFetchedOrStaged() throws IOException {
        List<String> calls = new ArrayList<>();
        Path emptyPath = Files.createDirectories(work.resolve("no-tools"));
        BuildEnvironment environment = new BuildEnvironment(0, "test", "test", emptyPath.toString());
        KernelBuilder builder = new KernelBuilder(
                new BuildCache(work.resolve("cache")), environment, new MakeRunner(environment, listener), listener);
        KernelRecipe recipe = new KernelRecipe(
                KernelArch.AMD64,
                KernelConfig.parse("CONFIG_KERNEL_LZ4=y\n", "test.fragment"),
                "test.fragment",
                RequiredOptions.parse("[lz4]\nreason: small\nKERNEL_LZ4\n", "required.txt"),
                List.of());
        KernelInput kernel =
                new KernelBuildInput(builder, recordingSource(calls), recipe, listener, "the default kernel");

        assertThatThrownBy(() -> new Stage1Builder(listener).build(spec(List.of(remote(calls)), kernel)))
                .isInstanceOf(MissingKernelToolsException.class)
                .hasMessageStartingWith("the default kernel: the kernel build needs tools this host lacks: gcc (Debian"
                        + " package gcc), ld (Debian package binutils), make (Debian package make)")
                .hasMessageContaining(
                        "Install them with: apt-get install gcc binutils make flex bison bc perl-base lz4");
        assertThat(calls).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void fetchDownloadsWhatEachRemoteInputNeedsAndStagesNothing() throws IOException {
        List<String> calls = new ArrayList<>();
        Stage1Spec spec =
                spec(List.of(remote(calls)), new PrebuiltKernelInput(work.resolve("kernel"), "<kernel>", true));

        int fetched = new Stage1Builder(listener).fetch(spec);

        assertThat(fetched).isEqualTo(1);
        assertThat(calls).containsExactly("fetch remote");
        assertThat(log).containsExactly("Fetching remote");
        assertThat(out).doesNotExist();
    }

    private static RemoteInput remote(List<String> calls) {
        return new RemoteInput() {
            @Override
            public String description() {
                return "remote";
            }

            @Override
            public void fetch() {
                calls.add("fetch remote");
            }

            @Override
            public void addTo(StagedTree tree) {
                calls.add("stage remote");
            }
        };
    }

    @Test
    void aKernelWithAnInitrdNamesItAndItsReleaseInTheManifest() throws IOException {
        new Stage1Builder(listener).build(spec(List.of(Hypervisor.QEMU), qemuOnly(), kernelWithInitrd(true)));

        ImageManifest manifest = manifest("stage1-kvm.aci");
        assertThat(manifest.annotation(Stage1Annotations.INITRD_PATH)).hasValue("/initrd.img");
        assertThat(manifest.annotation(Stage1Annotations.KERNEL_VERSION)).hasValue("6.1.0-57-amd64");
        assertThat(manifest.labels()).contains(new NameValue("kernelversion", "6.1.0-57-amd64"));
        assertThat(new AciReader().read(out.resolve("stage1-kvm.aci")).entries())
                .extracting(AciEntry::name)
                .contains("rootfs/initrd.img");
    }

    @Test
    void anInitrdTheManifestNamesMustBeInTheRootfs() {
        Stage1Spec spec = spec(List.of(Hypervisor.QEMU), qemuOnly(), kernelWithInitrd(false));

        assertThatThrownBy(() -> new Stage1Builder(listener).build(spec))
                .isInstanceOf(Stage1RuleException.class)
                .hasMessageContaining(
                        "the initrd (stage1-kvm.dev/initrd) /initrd.img is missing or not a regular file");
    }

    /** A kernel input like Debian's: a kernel and, when {@code writesInitrd}, the initrd it names. */
    private KernelInput kernelWithInitrd(boolean writesInitrd) {
        return new KernelInput() {
            @Override
            public String description() {
                return "kernel with initrd";
            }

            @Override
            public void addTo(StagedTree tree) throws IOException {
                HostTree.addFile(work.resolve("kernel"), "/kernel_image", tree, "kernel");
                if (writesInitrd) {
                    tree.put("/initrd.img", new StagedEntry.RegularFile(new StagedEntry.Bytes(new byte[4]), 4, 0644));
                }
            }

            @Override
            public Optional<String> release() {
                return Optional.of("6.1.0-57-amd64");
            }

            @Override
            public Optional<String> initrdPath() {
                return Optional.of("/initrd.img");
            }
        };
    }

    private static KernelSource recordingSource(List<String> calls) {
        return new KernelSource() {
            @Override
            public String description() {
                return "a recording source";
            }

            @Override
            public Path fetch() {
                calls.add("fetch kernel source");
                return Path.of("never-used.tar.xz");
            }
        };
    }

    private Stage1Spec spec(List<RootfsInput> common, KernelInput kernel) {
        return new Stage1Spec(
                Stage1Spec.DEFAULT_NAME,
                "1.0",
                "amd64",
                List.of(Hypervisor.QEMU),
                Compression.GZIP,
                out,
                out.resolve("stage1-kvm"),
                MTIME,
                common,
                Map.of(Hypervisor.QEMU, List.of(qemu())),
                kernel,
                Optional.empty());
    }

    private Map<Hypervisor, List<RootfsInput>> qemuOnly() {
        return Map.of(Hypervisor.QEMU, List.of(qemu()));
    }

    private ImageManifest manifest(String image) throws IOException {
        return ManifestJson.read(new AciReader().read(out.resolve(image)).manifestJson(), image);
    }

    private Stage1Spec spec(List<Hypervisor> hypervisors) {
        return spec(
                hypervisors,
                Map.of(
                        Hypervisor.QEMU, List.of(qemu()),
                        Hypervisor.LKVM, List.of(new HostPathInput(work.resolve("lkvm"), "/lkvm", "lkvm"))));
    }

    private Stage1Spec spec(List<Hypervisor> hypervisors, Map<Hypervisor, List<RootfsInput>> overlays) {
        return spec(hypervisors, overlays, new PrebuiltKernelInput(work.resolve("kernel"), "<kernel>", true));
    }

    private Stage1Spec spec(
            List<Hypervisor> hypervisors, Map<Hypervisor, List<RootfsInput>> overlays, KernelInput kernel) {
        return new Stage1Spec(
                Stage1Spec.DEFAULT_NAME,
                "1.0",
                "amd64",
                hypervisors,
                Compression.GZIP,
                out,
                out.resolve("stage1-kvm"),
                MTIME,
                List.of(new HostPathInput(work.resolve("rootfs"), "/", "rootfs")),
                overlays,
                kernel,
                Optional.empty());
    }

    private RootfsInput qemu() {
        return new HostPathInput(work.resolve("qemu"), "/qemu", "qemu");
    }
}
