package dev.stage1kvm.build;

import dev.stage1kvm.kernel.BzImage;
import dev.stage1kvm.kernel.KernelArch;
import dev.stage1kvm.kernel.KernelBuildRequest;
import dev.stage1kvm.kernel.KernelBuildResult;
import dev.stage1kvm.kernel.KernelBuilder;
import dev.stage1kvm.kernel.KernelConfig;
import dev.stage1kvm.kernel.KernelRecipe;
import dev.stage1kvm.kernel.MissingKernelOptionsException;
import dev.stage1kvm.kernel.RequiredOptions;
import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.HostTree;
import dev.stage1kvm.rootfs.InvalidInputException;
import dev.stage1kvm.rootfs.Stage1Layout;
import dev.stage1kvm.rootfs.StagedTree;
import dev.stage1kvm.source.BuildCache;
import dev.stage1kvm.source.BuildEnvironment;
import dev.stage1kvm.source.BuildFailedException;
import dev.stage1kvm.source.MakeRunner;
import dev.stage1kvm.source.MissingBuildToolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The guest kernel built by {@link KernelBuilder} from a {@link KernelSource}: its tools are checked before anything
 * is fetched, the source is fetched when the kernel is staged (or by the {@code fetch} goal), then the kernel is taken
 * from the build cache when nothing that goes into it changed, compiled otherwise, and placed at
 * {@code /kernel_image}.
 */
public final class KernelBuildInput implements KernelInput, ToolsInput, RemoteInput {

    /** Where the kernel-config module keeps its fragments. */
    private static final String FRAGMENT_FOLDER = "dev/stage1kvm/kernel/";

    /** The name of the build's log in the build's log folder. */
    public static final String LOG_FILE = "kernel-build.log";

    private final KernelBuilder builder;
    private final KernelSource source;
    private final KernelRecipe recipe;
    private final BuildListener listener;
    private final String name;
    private String release;

    /**
     * A build with the project's fragment and required options for {@code appcArch} (from the kernel-config jar on
     * the class path) unless {@code fragmentFile} replaces the fragment, cached under the user's cache folder.
     */
    public static KernelBuildInput of(
            KernelSource source, Optional<Path> fragmentFile, String appcArch, BuildListener listener, String name)
            throws IOException {
        KernelArch arch = appcArch.equals("aarch64") ? KernelArch.ARM64 : KernelArch.AMD64;
        String fragmentName =
                fragmentFile.map(f -> f.getFileName().toString()).orElse("stage1-" + arch.debianName() + ".fragment");
        KernelConfig fragment = fragmentFile.isPresent()
                ? KernelConfig.read(fragmentFile.get())
                : KernelConfig.parse(resource(FRAGMENT_FOLDER + fragmentName), fragmentName);
        ClassLoader loader = KernelBuildInput.class.getClassLoader();
        KernelRecipe recipe =
                new KernelRecipe(arch, fragment, fragmentName, RequiredOptions.fromClassPath(loader), List.of());
        BuildEnvironment environment = BuildEnvironment.DEFAULT;
        KernelBuilder builder = new KernelBuilder(
                new BuildCache(BuildCache.defaultRoot()), environment, new MakeRunner(environment, listener), listener);
        return new KernelBuildInput(builder, source, recipe, listener, name);
    }

    /** @param name names the input in logs and errors, as the user configured it */
    public KernelBuildInput(
            KernelBuilder builder, KernelSource source, KernelRecipe recipe, BuildListener listener, String name) {
        this.builder = builder;
        this.source = source;
        this.recipe = recipe;
        this.listener = listener;
        this.name = name;
    }

    @Override
    public String description() {
        return name + ": " + source.description() + " + " + recipe.fragmentName();
    }

    @Override
    public void requireTools() {
        try {
            builder.requireTools(recipe);
        } catch (MissingBuildToolException e) {
            throw new MissingKernelToolsException(name, e);
        }
    }

    @Override
    public void fetch() throws IOException {
        source.fetch();
    }

    @Override
    public void addTo(StagedTree tree) throws IOException {
        stage(tree, Optional.empty());
    }

    @Override
    public void addTo(StagedTree tree, Path logFolder) throws IOException {
        stage(tree, Optional.of(logFolder));
    }

    private void stage(StagedTree tree, Optional<Path> logFolder) throws IOException {
        KernelBuildRequest request = recipe.withSource(source.fetch());
        KernelBuildResult result = build(request, logFolder);
        if (request.arch().equals(KernelArch.AMD64)) {
            release = BzImage.read(result.image()).kernelRelease();
        }
        HostTree.addFile(result.image(), Stage1Layout.KERNEL_PATH, tree, name);
    }

    private KernelBuildResult build(KernelBuildRequest request, Optional<Path> logFolder) throws IOException {
        KernelBuildResult result;
        try {
            result = builder.build(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the kernel build was interrupted");
        } catch (MissingBuildToolException e) {
            throw new MissingKernelToolsException(name, e);
        } catch (BuildFailedException e) {
            BuildFailedException kept = BuildLogs.keepFailed(logFolder, e, LOG_FILE, "Kernel", listener);
            throw new InvalidInputException(name, kept.getMessage(), kept);
        } catch (MissingKernelOptionsException e) {
            // Names each missing option with its feature.
            throw new InvalidInputException(name, e.getMessage(), e);
        }
        BuildLogs.keep(logFolder, result.log(), LOG_FILE, "Kernel", listener);
        return result;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = KernelBuildInput.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException(
                        path + " is not on the class path; add the dev.stage1kvm:kernel-config" + " dependency");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public Optional<String> release() {
        return Optional.ofNullable(release);
    }
}
