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
import java.util.List;

/**
 * lkvm built from a pinned kvmtool commit ({@code make lkvm-static}) when the image is staged, then put at /lkvm; the
 * {@code fetch} goal fetches the commit into the git cache ahead of an offline build.
 */
public final class LkvmBuildInput implements RemoteInput {

    private final LkvmBuilder builder;
    private final GitSource git;
    private final LkvmBuildRequest request;
    private final String name;

    /** @param git the git cache the builder checks out from, which {@link #fetch} fills */
    public LkvmBuildInput(LkvmBuilder builder, GitSource git, LkvmBuildRequest request, String name) {
        this.builder = builder;
        this.git = git;
        this.request = request;
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
        return new LkvmBuildInput(builder, git, new LkvmBuildRequest(gitUrl, commitId, List.of()), name);
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
        LkvmBuildResult result;
        try {
            result = builder.build(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the lkvm build was interrupted");
        } catch (GitSourceException | MissingBuildToolException | BuildFailedException | LkvmBinaryException e) {
            // Each names what is wrong and what to do: the commit, the tools and their packages, the kept log.
            throw new InvalidInputException(name, e.getMessage(), e);
        }
        LkvmInput.built(result).addTo(tree);
    }
}
