package dev.stage1kvm.build;

import dev.stage1kvm.lkvm.LkvmBinaryException;
import dev.stage1kvm.lkvm.LkvmBuildRequest;
import dev.stage1kvm.lkvm.LkvmBuildResult;
import dev.stage1kvm.lkvm.LkvmBuilder;
import dev.stage1kvm.lkvm.LkvmInput;
import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.InvalidInputException;
import dev.stage1kvm.rootfs.StagedTree;
import dev.stage1kvm.source.BuildCache;
import dev.stage1kvm.source.BuildEnvironment;
import dev.stage1kvm.source.BuildFailedException;
import dev.stage1kvm.source.GitSource;
import dev.stage1kvm.source.GitSourceException;
import dev.stage1kvm.source.MakeRunner;
import dev.stage1kvm.source.MissingBuildToolException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * lkvm built from a pinned kvmtool commit ({@code make lkvm-static}) when the image is staged, then put at /lkvm; its
 * tools are checked before anything is fetched, and the {@code fetch} goal fetches the commit into the git cache ahead
 * of an offline build.
 */
public final class LkvmBuildInput implements ToolsInput, RemoteInput {

    /** The name of the build's log in the build's log folder. */
    public static final String LOG_FILE = "lkvm-build.log";

    private final LkvmBuilder builder;
    private final GitSource git;
    private final LkvmBuildRequest request;
    private final BuildListener listener;
    private final String name;

    /**
     * @param git the git cache the builder checks out from, which {@link #fetch} fills
     * @param name names the input in logs and errors, as the user configured it
     */
    public LkvmBuildInput(
            LkvmBuilder builder, GitSource git, LkvmBuildRequest request, BuildListener listener, String name) {
        this.builder = builder;
        this.git = git;
        this.request = request;
        this.listener = listener;
        this.name = name;
    }

    /** A build cached under the user's cache folder, fetching nothing when {@code offline}. */
    public static LkvmBuildInput of(
            String gitUrl, String commitId, boolean offline, BuildListener listener, String name) {
        BuildEnvironment environment = BuildEnvironment.DEFAULT;
        GitSource git = new GitSource(BuildCache.defaultRoot(), offline, listener);
        LkvmBuilder builder = new LkvmBuilder(
                new BuildCache(BuildCache.defaultRoot()),
                git,
                environment,
                new MakeRunner(environment, listener),
                listener);
        return new LkvmBuildInput(builder, git, new LkvmBuildRequest(gitUrl, commitId, List.of()), listener, name);
    }

    @Override
    public void requireTools() {
        try {
            builder.requireTools(request);
        } catch (MissingBuildToolException e) {
            throw new InvalidInputException(name, e.getMessage(), e);
        }
    }

    @Override
    public void fetch() throws IOException {
        try {
            git.fetch(request.gitUrl(), request.commitId());
        } catch (GitSourceException e) {
            throw new InvalidInputException(name, e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return name + " " + request.gitUrl() + " at " + request.commitId();
    }

    @Override
    public void addTo(StagedTree tree) throws IOException {
        LkvmInput.built(build(Optional.empty())).addTo(tree);
    }

    @Override
    public void addTo(StagedTree tree, Path logFolder) throws IOException {
        LkvmInput.built(build(Optional.of(logFolder))).addTo(tree);
    }

    private LkvmBuildResult build(Optional<Path> logFolder) throws IOException {
        LkvmBuildResult result;
        try {
            result = builder.build(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the lkvm build was interrupted");
        } catch (BuildFailedException e) {
            BuildFailedException kept = BuildLogs.keepFailed(logFolder, e, LOG_FILE, "lkvm", listener);
            throw new InvalidInputException(name, kept.getMessage(), kept);
        } catch (GitSourceException | MissingBuildToolException | LkvmBinaryException e) {
            // Each names what is wrong and what to do: the commit, the tools and their packages, the kept log.
            throw new InvalidInputException(name, e.getMessage(), e);
        }
        BuildLogs.keep(logFolder, result.log(), LOG_FILE, "lkvm", listener);
        return result;
    }
}
