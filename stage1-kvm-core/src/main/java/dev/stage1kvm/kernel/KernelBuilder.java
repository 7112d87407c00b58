package dev.stage1kvm.kernel;

import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.source.BuildCache;
import dev.stage1kvm.source.BuildEnvironment;
import dev.stage1kvm.source.BuildFailedException;
import dev.stage1kvm.source.BuildTool;
import dev.stage1kvm.source.BuildTools;
import dev.stage1kvm.source.InputDigest;
import dev.stage1kvm.source.MakeRunner;
import dev.stage1kvm.source.MissingBuildToolException;
import dev.stage1kvm.source.SourceFolder;
import dev.stage1kvm.source.TarballUnpacker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a stage1 kernel from a source tarball or folder: unpack (or copy), patch, {@code make tinyconfig}, merge the
 * fragment, {@code make olddefconfig}, check the required options, {@code make <image>}. The result is cached under the
 * digest of every input (the source's content, fragment, patches, architecture, tool versions, build environment, this
 * recipe), so a second build with nothing changed compiles nothing. The final config is a function of those inputs
 * and is stored with the image.
 */
public final class KernelBuilder {

    /** The cache kind for kernels. */
    public static final String CACHE_KIND = "kernel";

    /** Changes whenever the steps below change in a way that changes the result; part of the cache key. */
    static final String RECIPE = "tinyconfig+fragment+olddefconfig v1";

    public static final String IMAGE_FILE = "kernel-image";
    public static final String CONFIG_FILE = "config";
    public static final String LOG_FILE = "build.log";
    public static final String INPUTS_FILE = "inputs.txt";

    private final BuildCache cache;
    private final BuildEnvironment environment;
    private final MakeRunner make;
    private final BuildListener listener;

    public KernelBuilder(BuildCache cache, BuildEnvironment environment, MakeRunner make, BuildListener listener) {
        this.cache = cache;
        this.environment = environment;
        this.make = make;
        this.listener = listener;
    }

    /**
     * Builds the kernel, or takes it from the cache.
     *
     * @throws MissingBuildToolException before any work, when a tool is missing
     * @throws MissingKernelOptionsException when the final config lacks a required option
     * @throws BuildFailedException when a make step fails; the work folder and its log are kept
     */
    public KernelBuildResult build(KernelBuildRequest request)
            throws IOException, InterruptedException, MissingBuildToolException, MissingKernelOptionsException,
                    BuildFailedException {
        InputDigest inputs = checkToolsAndDigest(request);
        String digest = inputs.hex();
        Optional<Path> cached = cache.lookup(CACHE_KIND, digest);
        if (cached.isPresent()) {
            listener.info("Kernel: taken from cache " + cached.get() + " (inputs " + digest + ")");
            return KernelBuildResult.of(cached.get(), digest, true);
        }
        listener.info("Kernel: building from " + request.source() + " (inputs " + digest + ")");
        Path work = cache.newWorkFolder(CACHE_KIND);
        Path entry = compileOrCleanUp(request, work, inputs);
        Path stored = cache.store(CACHE_KIND, digest, entry);
        BuildCache.deleteTree(work);
        KernelBuildResult result = KernelBuildResult.of(stored, digest, false);
        listener.info("Kernel: " + result.image() + " (" + Files.size(result.image()) + " bytes)");
        return result;
    }

    /**
     * The kernel this request would give, if it is already in the cache; nothing is built. For offline builds and for
     * telling a user what a build would cost.
     *
     * @throws MissingBuildToolException when a tool is missing (the tool versions are part of the cache key)
     */
    public Optional<KernelBuildResult> cached(KernelBuildRequest request)
            throws IOException, InterruptedException, MissingBuildToolException {
        String digest = checkToolsAndDigest(request).hex();
        return cache.lookup(CACHE_KIND, digest).map(entry -> KernelBuildResult.of(entry, digest, true));
    }

    /**
     * Checks that every tool the recipe needs is on the build PATH; for failing before any source is fetched.
     *
     * @throws MissingBuildToolException naming each missing tool with its package
     */
    public void requireTools(KernelRecipe recipe) throws MissingBuildToolException {
        new BuildTools(environment).requireAll("the kernel build", tools(recipe));
    }

    private InputDigest checkToolsAndDigest(KernelBuildRequest request)
            throws IOException, InterruptedException, MissingBuildToolException {
        List<BuildTool> tools = tools(request.recipe());
        BuildTools buildTools = new BuildTools(environment);
        buildTools.requireAll("the kernel build", tools);
        InputDigest inputs = inputs(request, buildTools.versions(tools));
        listener.debug("Kernel inputs (sha256 " + inputs.hex() + "):\n"
                + inputs.describe().strip());
        return inputs;
    }

    /** Keeps the work folder only when make failed, for its log and objects; removes it on any other failure. */
    private Path compileOrCleanUp(KernelBuildRequest request, Path work, InputDigest inputs)
            throws IOException, InterruptedException, MissingKernelOptionsException, BuildFailedException {
        boolean succeeded = false;
        boolean keepWork = false;
        try {
            Path entry = compile(request, work, inputs);
            succeeded = true;
            return entry;
        } catch (BuildFailedException e) {
            keepWork = true;
            listener.warn("Kernel: keeping " + work + " for inspection; delete it when done");
            throw e;
        } finally {
            if (!succeeded && !keepWork) {
                BuildCache.deleteTree(work);
            }
        }
    }

    private Path compile(KernelBuildRequest request, Path work, InputDigest inputs)
            throws IOException, InterruptedException, MissingKernelOptionsException, BuildFailedException {
        Path source = work.resolve("src");
        Path log = work.resolve(LOG_FILE);
        int entries;
        if (Files.isDirectory(request.source())) {
            listener.info("Kernel: copying " + request.source() + " into " + source);
            entries = SourceFolder.copy(request.source(), source);
        } else {
            listener.info("Kernel: unpacking " + request.source().getFileName() + " into " + source);
            entries = TarballUnpacker.unpack(request.source(), source, true);
        }
        listener.debug("Kernel: " + entries + " source entries");
        applyPatches(request, source, log);
        KernelConfig config = configure(request, source, log);
        request.requiredOptions()
                .requireAll(config, request.arch().debianName(), "tinyconfig + " + request.fragmentName());
        listener.info("Kernel: make " + request.arch().target() + " with " + make.jobs() + " jobs, log " + log);
        make.run(source, makeArguments(request, request.arch().target()), log);
        Path entry = Files.createDirectory(work.resolve("entry"));
        Files.copy(source.resolve(request.arch().imagePath()), entry.resolve(IMAGE_FILE));
        Files.copy(source.resolve(".config"), entry.resolve(CONFIG_FILE));
        Files.copy(log, entry.resolve(LOG_FILE));
        Files.writeString(entry.resolve(INPUTS_FILE), inputs.describe(), StandardCharsets.UTF_8);
        verifyImage(request, entry.resolve(IMAGE_FILE), config);
        return entry;
    }

    /**
     * Reads back a bzImage built with CONFIG_IKCONFIG=y and checks that it carries the config it was built with: the
     * proof that the image in the cache is the one this config made.
     */
    private void verifyImage(KernelBuildRequest request, Path image, KernelConfig config) throws IOException {
        if (request.arch() != KernelArch.AMD64 || !config.isBuiltIn("IKCONFIG")) {
            listener.debug("Kernel: no embedded config to compare (needs amd64 and CONFIG_IKCONFIG=y)");
            return;
        }
        BzImage bzImage = BzImage.read(image);
        Optional<KernelConfig> embedded = bzImage.embeddedConfig();
        if (embedded.isEmpty() || !embedded.get().values().equals(config.values())) {
            throw new IOException("the built " + image + " does not carry the .config it was built with; the build "
                    + "tree is inconsistent, delete " + image.getParent().getParent() + " and build again");
        }
        listener.info("Kernel: " + bzImage.kernelRelease() + ", " + bzImage.payloadFormat() + " payload, embedded "
                + "config matches the final config");
    }

    private KernelConfig configure(KernelBuildRequest request, Path source, Path log)
            throws IOException, InterruptedException, BuildFailedException {
        listener.info("Kernel: tinyconfig + " + request.fragmentName() + " + olddefconfig");
        make.run(source, makeArguments(request, "tinyconfig"), log);
        Path dotConfig = source.resolve(".config");
        KernelConfig merged =
                KernelConfig.read(dotConfig).mergedWith(request.fragment(), request.fragmentName(), listener);
        Files.writeString(dotConfig, merged.format(), StandardCharsets.UTF_8);
        make.run(source, makeArguments(request, "olddefconfig"), log);
        KernelConfig result = KernelConfig.read(dotConfig);
        reportDropped(request.fragment(), result);
        return result;
    }

    /** Options the fragment sets that olddefconfig changed: a dependency is unmet. One warning each. */
    private void reportDropped(KernelConfig fragment, KernelConfig result) {
        fragment.values().forEach((name, wanted) -> {
            String actual = result.value(name).orElse(KernelConfig.NOT_SET);
            if (!wanted.equals(actual)) {
                listener.warn("Kernel: CONFIG_" + name + "=" + wanted + " from the fragment became " + actual
                        + " after olddefconfig (a dependency is off)");
            }
        });
    }

    private void applyPatches(KernelBuildRequest request, Path source, Path log)
            throws IOException, InterruptedException, BuildFailedException {
        for (Path patch : request.patches()) {
            listener.info("Kernel: applying " + patch.getFileName());
            Process process = environment
                    .applyTo(new ProcessBuilder(
                            "patch",
                            "-p1",
                            "--forward",
                            "--batch",
                            "-i",
                            patch.toAbsolutePath().toString()))
                    .directory(source.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            int exitCode = process.waitFor();
            if (exitCode != 0) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                throw new BuildFailedException(
                        "patch -p1 --forward -i " + patch,
                        source,
                        exitCode,
                        log,
                        lines.subList(Math.max(0, lines.size() - 10), lines.size()));
            }
        }
    }

    private static List<String> makeArguments(KernelBuildRequest request, String target) {
        List<String> arguments = new ArrayList<>(request.arch().makeVariables());
        arguments.add(target);
        return arguments;
    }

    private static List<BuildTool> tools(KernelRecipe recipe) {
        List<BuildTool> tools = new ArrayList<>(BuildTool.KERNEL);
        if (!recipe.arch().crossCompile().isEmpty()) {
            tools.add(recipe.arch().compiler());
        }
        if (recipe.fragment().isBuiltIn("KERNEL_LZ4")) {
            tools.add(BuildTool.LZ4);
        }
        if (recipe.fragment().isBuiltIn("MODULE_SIG") || recipe.fragment().isBuiltIn("SYSTEM_TRUSTED_KEYRING")) {
            tools.add(BuildTool.OPENSSL_HEADERS);
        }
        if (!recipe.patches().isEmpty()) {
            tools.add(BuildTool.program("patch", "patch"));
        }
        return tools;
    }

    private InputDigest inputs(KernelBuildRequest request, Map<String, String> toolVersions) throws IOException {
        InputDigest inputs = new InputDigest()
                .add("recipe", RECIPE)
                .add("arch", request.arch().debianName());
        if (Files.isDirectory(request.source())) {
            // A folder and a tarball of the same tree are different inputs: the tarball's bytes are what is hashed.
            inputs.add("source", "tree-sha256:" + SourceFolder.digest(request.source()));
        } else {
            inputs.addFile("source", request.source());
        }
        inputs.add("fragment", request.fragment().format());
        for (Path patch : request.patches()) {
            inputs.addFile("patch " + patch.getFileName(), patch);
        }
        toolVersions.forEach((tool, version) -> inputs.add("tool " + tool, version));
        environment.variables().forEach((name, value) -> inputs.add("env " + name, value));
        return inputs;
    }
}
