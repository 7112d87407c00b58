package dev.stage1kvm.lkvm;

import dev.stage1kvm.elf.ElfFile;
import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.source.BuildCache;
import dev.stage1kvm.source.BuildEnvironment;
import dev.stage1kvm.source.BuildFailedException;
import dev.stage1kvm.source.BuildTool;
import dev.stage1kvm.source.BuildTools;
import dev.stage1kvm.source.GitSource;
import dev.stage1kvm.source.GitSourceException;
import dev.stage1kvm.source.InputDigest;
import dev.stage1kvm.source.MakeRunner;
import dev.stage1kvm.source.MissingBuildToolException;
import dev.stage1kvm.source.Patches;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds lkvm from kvmtool's git repository: check out the pinned commit, patch, {@code make lkvm-static}, and check
 * that the result is a static x86-64 executable. The result is cached under the digest of every input (commit,
 * patches, tool versions, the static C library, build environment, this recipe), so a second build with nothing
 * changed neither fetches nor compiles. The URL is not an input: any mirror gives the same commit.
 */
public final class LkvmBuilder {

    /** The cache kind for lkvm builds. */
    public static final String CACHE_KIND = "lkvm";

    /** Changes whenever the steps below change in a way that changes the result; part of the cache key. */
    static final String RECIPE = "make V= WERROR=0 lkvm-static v1";

    /** The make target and the file it writes at the top of the kvmtool tree. */
    public static final String MAKE_TARGET = "lkvm-static";

    /**
     * The make variables: {@code V=} as rkt's build passed it; {@code WERROR=0} because kvmtool builds with -Werror and
     * a pinned old tree meets warnings a newer gcc added after it was written, which are not errors in its code.
     */
    static final List<String> MAKE_VARIABLES = List.of("V=", "WERROR=0");

    public static final String BINARY_FILE = "lkvm";
    public static final String LOG_FILE = "build.log";
    public static final String INPUTS_FILE = "inputs.txt";

    /** The static C library lkvm-static links against; Debian's libc6-dev ships it. */
    static final Path STATIC_LIBC = Path.of("/usr/lib/x86_64-linux-gnu/libc.a");

    /** What {@code make lkvm-static} needs on an amd64 Debian host. */
    public static final List<BuildTool> TOOLS = List.of(
            BuildTool.program("gcc", "gcc"),
            BuildTool.program("make", "make"),
            BuildTool.header("static C library", "libc6-dev", STATIC_LIBC.toString()));

    private final BuildCache cache;
    private final GitSource git;
    private final BuildEnvironment environment;
    private final MakeRunner make;
    private final BuildListener listener;

    public LkvmBuilder(
            BuildCache cache, GitSource git, BuildEnvironment environment, MakeRunner make, BuildListener listener) {
        this.cache = cache;
        this.git = git;
        this.environment = environment;
        this.make = make;
        this.listener = listener;
    }

    /**
     * Builds lkvm, or takes it from the cache.
     *
     * @throws GitSourceException when the commit id is malformed or the commit cannot be had (also offline)
     * @throws MissingBuildToolException before any work, when a tool is missing
     * @throws BuildFailedException when a patch or make fails; the work folder and its log are kept
     * @throws LkvmBinaryException when make's result is not a static x86-64 executable; the work folder is kept
     */
    public LkvmBuildResult build(LkvmBuildRequest request)
            throws IOException, InterruptedException, GitSourceException, MissingBuildToolException,
                    BuildFailedException, LkvmBinaryException {
        String commit = GitSource.requireCommitId(request.gitUrl(), request.commitId());
        InputDigest inputs = checkToolsAndDigest(request, commit);
        String digest = inputs.hex();
        Optional<Path> cached = cache.lookup(CACHE_KIND, digest);
        if (cached.isPresent()) {
            listener.info(
                    "lkvm: taken from cache " + cached.get() + " (kvmtool " + commit + ", inputs " + digest + ")");
            return LkvmBuildResult.of(cached.get(), commit, digest, true);
        }
        listener.info("lkvm: building kvmtool " + commit + " from " + request.gitUrl() + " (inputs " + digest + ")");
        Path work = cache.newWorkFolder(CACHE_KIND);
        Path entry = compileOrCleanUp(request, commit, work, inputs);
        Path stored = cache.store(CACHE_KIND, digest, entry);
        BuildCache.deleteTree(work);
        LkvmBuildResult result = LkvmBuildResult.of(stored, commit, digest, false);
        listener.info("lkvm: " + result.binary() + " (" + Files.size(result.binary()) + " bytes, static x86-64)");
        return result;
    }

    /**
     * The lkvm this request would give, if it is already in the cache; nothing is fetched or built. For offline builds
     * and for telling a user what a build would cost.
     *
     * @throws GitSourceException when the commit id is malformed
     * @throws MissingBuildToolException when a tool is missing (the tool versions are part of the cache key)
     */
    public Optional<LkvmBuildResult> cached(LkvmBuildRequest request)
            throws IOException, InterruptedException, GitSourceException, MissingBuildToolException {
        String commit = GitSource.requireCommitId(request.gitUrl(), request.commitId());
        String digest = checkToolsAndDigest(request, commit).hex();
        return cache.lookup(CACHE_KIND, digest).map(entry -> LkvmBuildResult.of(entry, commit, digest, true));
    }

    /**
     * Checks that every tool the request needs is on the build PATH; for failing before anything is fetched.
     *
     * @throws MissingBuildToolException naming each missing tool with its package
     */
    public void requireTools(LkvmBuildRequest request) throws MissingBuildToolException {
        new BuildTools(environment).requireAll("the lkvm build", tools(request));
    }

    private InputDigest checkToolsAndDigest(LkvmBuildRequest request, String commit)
            throws IOException, InterruptedException, MissingBuildToolException {
        List<BuildTool> tools = tools(request);
        BuildTools buildTools = new BuildTools(environment);
        buildTools.requireAll("the lkvm build", tools);
        InputDigest inputs = new InputDigest().add("recipe", RECIPE).add("commit", commit);
        for (Path patch : request.patches()) {
            inputs.addFile("patch " + patch.getFileName(), patch);
        }
        buildTools.versions(tools).forEach((tool, version) -> inputs.add("tool " + tool, version));
        inputs.addFile("static libc " + STATIC_LIBC, STATIC_LIBC);
        environment.variables().forEach((name, value) -> inputs.add("env " + name, value));
        listener.debug("lkvm inputs (sha256 " + inputs.hex() + "):\n"
                + inputs.describe().strip());
        return inputs;
    }

    private static List<BuildTool> tools(LkvmBuildRequest request) {
        List<BuildTool> tools = new ArrayList<>(TOOLS);
        if (!request.patches().isEmpty()) {
            tools.add(Patches.PATCH);
        }
        return tools;
    }

    /** Keeps the work folder when make failed or made the wrong binary, for its log; removes it otherwise. */
    private Path compileOrCleanUp(LkvmBuildRequest request, String commit, Path work, InputDigest inputs)
            throws IOException, InterruptedException, GitSourceException, BuildFailedException, LkvmBinaryException {
        boolean succeeded = false;
        boolean keepWork = false;
        try {
            Path entry = compile(request, commit, work, inputs);
            succeeded = true;
            return entry;
        } catch (BuildFailedException | LkvmBinaryException e) {
            keepWork = true;
            listener.warn("lkvm: keeping " + work + " for inspection; delete it when done");
            throw e;
        } finally {
            if (!succeeded && !keepWork) {
                BuildCache.deleteTree(work);
            }
        }
    }

    private Path compile(LkvmBuildRequest request, String commit, Path work, InputDigest inputs)
            throws IOException, InterruptedException, GitSourceException, BuildFailedException, LkvmBinaryException {
        Path source = work.resolve("src");
        Path log = work.resolve(LOG_FILE);
        git.checkout(request.gitUrl(), commit, source);
        if (!request.patches().isEmpty()) {
            listener.info("lkvm: applying " + request.patches().size() + " patches");
            Patches.apply(environment, request.patches(), source, log);
        }
        listener.info("lkvm: make " + MAKE_TARGET + " with " + make.jobs() + " jobs, log " + log);
        List<String> arguments = new ArrayList<>(MAKE_VARIABLES);
        arguments.add(MAKE_TARGET);
        make.run(source, arguments, log);
        Path built = source.resolve(MAKE_TARGET);
        if (!Files.isRegularFile(built, LinkOption.NOFOLLOW_LINKS)) {
            throw new LkvmBinaryException(
                    built,
                    "make " + MAKE_TARGET + " succeeded but wrote no " + built + "; the tree at " + commit
                            + " is not kvmtool, check the URL and commit (log " + log + ")");
        }
        ElfFile elf = LkvmBinary.requireStaticX8664(
                built, "the lkvm-static make built from " + commit + " (log " + log + ")");
        listener.debug("lkvm: " + built + " is a static " + elf.machineName() + " executable");
        Path entry = Files.createDirectory(work.resolve("entry"));
        Files.copy(built, entry.resolve(BINARY_FILE));
        Files.copy(log, entry.resolve(LOG_FILE));
        Files.writeString(entry.resolve(INPUTS_FILE), inputs.describe(), StandardCharsets.UTF_8);
        return entry;
    }
}
