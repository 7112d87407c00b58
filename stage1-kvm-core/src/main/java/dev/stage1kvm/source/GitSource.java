package dev.stage1kvm.source;

import dev.stage1kvm.progress.BuildListener;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A git repository pinned at one commit. Each URL gets a bare clone under {@code <cache>/git/<sha256 of url>/}, shared
 * by every build of the user; it is fetched only when the pinned commit is not in it yet, under a file lock so two
 * builds can share it. The commit is then checked out into a work folder and its HEAD compared with the pin.
 */
public final class GitSource {

    /** The folder under the build cache that holds one bare repository per URL. */
    public static final String CACHE_FOLDER = "git";

    /** A pinned commit is kept under this prefix, so clones from the cache see it and git gc never drops it. */
    static final String PINNED_REFS = "refs/stage1-kvm/pinned/";

    /** A full SHA-1 commit id; abbreviations and branch names are not pins. */
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{40}");

    /** Branches and tags: servers send only commits reachable from what they advertise unless told otherwise. */
    private static final List<RefSpec> ADVERTISED =
            List.of(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"));

    /** One in-process lock per repository: a JVM may not hold two overlapping {@link FileLock}s on one file. */
    private static final Map<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path root;
    private final boolean offline;
    private final BuildListener listener;

    /**
     * @param cacheRoot the build cache root ({@link BuildCache#defaultRoot()}); repositories go to its {@code git/}
     * @param offline never fetch; a commit missing from the cache is an error naming the remedy
     */
    public GitSource(Path cacheRoot, boolean offline, BuildListener listener) {
        this.root = cacheRoot.toAbsolutePath().resolve(CACHE_FOLDER);
        this.offline = offline;
        this.listener = listener;
    }

    /**
     * The commit id in lower case.
     *
     * @throws GitSourceException when it is not 40 hex digits
     */
    public static String requireCommitId(String url, String commitId) throws GitSourceException {
        String id = commitId == null ? "" : commitId.strip().toLowerCase(Locale.ROOT);
        if (!COMMIT_ID.matcher(id).matches()) {
            throw new GitSourceException(
                    url,
                    commitId,
                    "commit id '" + commitId + "' for " + url + " is not a full commit id (40 hex digits); write"
                            + " the whole id, as 'git rev-parse <branch or tag>' prints it");
        }
        return id;
    }

    /** The bare repository that caches {@code url}. */
    public Path cachedRepository(String url) {
        return root.resolve(InputDigest.sha256(url));
    }

    /**
     * Checks out {@code commitId} of {@code url} into {@code target} (created; must not exist or be empty), fetching
     * into the cache first when the commit is not there yet.
     *
     * @return the commit id checked out, in lower case
     * @throws GitSourceException when the id is malformed, the commit is not in the repository, the repository cannot
     *     be fetched, or offline mode forbids the fetch
     */
    public String checkout(String url, String commitId, Path target) throws IOException, GitSourceException {
        String id = requireCommitId(url, commitId);
        Path bare = cachedRepository(url);
        withRepositoryLock(bare, () -> {
            ensureCommit(bare, url, id);
            checkoutFrom(bare, url, id, target);
        });
        return id;
    }

    /**
     * Fetches {@code commitId} of {@code url} into the cache unless it is there, checking nothing out: for filling the
     * cache ahead of an offline build.
     *
     * @throws GitSourceException as {@link #checkout} does
     */
    public void fetch(String url, String commitId) throws IOException, GitSourceException {
        String id = requireCommitId(url, commitId);
        Path bare = cachedRepository(url);
        withRepositoryLock(bare, () -> ensureCommit(bare, url, id));
    }

    /** Work on one cached repository. */
    private interface RepositoryWork {
        void run() throws IOException, GitSourceException;
    }

    /** Runs work while holding the repository's lock, which other builds (other JVMs) and other threads respect. */
    private void withRepositoryLock(Path bare, RepositoryWork work) throws IOException, GitSourceException {
        Files.createDirectories(root);
        Path lockFile = root.resolve(bare.getFileName() + ".lock");
        synchronized (JVM_LOCKS.computeIfAbsent(lockFile, k -> new Object())) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                work.run();
            }
        }
    }

    private void ensureCommit(Path bare, String url, String id) throws IOException, GitSourceException {
        try (Repository repo = openOrCreate(bare)) {
            ObjectId wanted = ObjectId.fromString(id);
            if (isCommit(repo, url, wanted)) {
                listener.info("Git: " + id + " of " + url + " is in the cache " + bare);
            } else if (offline) {
                throw new GitSourceException(
                        url,
                        id,
                        "commit " + id + " of " + url + " is not in the cache " + bare
                                + " and offline mode forbids fetching it; build once online (without -o) to fetch it");
            } else {
                fetch(repo, url, id);
                requireFetched(repo, url, wanted);
            }
            pin(repo, url, wanted);
        }
    }

    private static void requireFetched(Repository repo, String url, ObjectId wanted)
            throws IOException, GitSourceException {
        if (!isCommit(repo, url, wanted)) {
            throw new GitSourceException(
                    url,
                    wanted.name(),
                    "commit " + wanted.name() + " is not in " + url
                            + " (none of its branches or tags leads to it); check the commit id, or point the URL at a"
                            + " repository or mirror that has it");
        }
    }

    private static Repository openOrCreate(Path bare) throws IOException {
        Repository repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).build();
        if (!repo.getObjectDatabase().exists()) {
            repo.create(true);
        }
        return repo;
    }

    /** Whether the object is present and a commit; an id naming a tree or blob is an error. */
    private static boolean isCommit(Repository repo, String url, ObjectId id) throws IOException, GitSourceException {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.parseCommit(id);
            return true;
        } catch (MissingObjectException e) {
            return false;
        } catch (IncorrectObjectTypeException e) {
            throw new GitSourceException(
                    url,
                    id.name(),
                    id.name() + " in " + url + " names a tree, blob or tag, not a commit;"
                            + " give the id of a commit");
        }
    }

    private void fetch(Repository repo, String url, String id) throws IOException, GitSourceException {
        listener.info("Git: fetching " + url + " for " + id);
        try (Git git = new Git(repo)) {
            git.fetch()
                    .setRemote(url)
                    .setRefSpecs(ADVERTISED)
                    .setRemoveDeletedRefs(false)
                    .call();
        } catch (GitAPIException | JGitInternalException e) {
            throw new GitSourceException(
                    url,
                    id,
                    "cannot fetch " + url + ": " + e.getMessage() + "; check the URL and the network, or"
                            + " point the URL at a reachable mirror",
                    e);
        }
        if (!repo.getObjectDatabase().has(ObjectId.fromString(id)) && !isLocal(url)) {
            fetchById(repo, url, id);
        }
    }

    /** A folder or file: URL, served by an in-process upload-pack that never grants unadvertised commits. */
    private static boolean isLocal(String url) {
        return url.startsWith("/") || url.startsWith("file:") || !url.contains(":");
    }

    /** Asks for the id itself, which servers that allow fetching unadvertised commits grant; others refuse. */
    private void fetchById(Repository repo, String url, String id) {
        try (Git git = new Git(repo)) {
            git.fetch()
                    .setRemote(url)
                    .setRefSpecs(new RefSpec(id + ":" + PINNED_REFS + id))
                    .call();
        } catch (GitAPIException | JGitInternalException e) {
            listener.debug("Git: " + url + " refused to send " + id + " by id: " + e.getMessage());
        }
    }

    private static void pin(Repository repo, String url, ObjectId id) throws IOException, GitSourceException {
        RefUpdate update = repo.updateRef(PINNED_REFS + id.name());
        update.setNewObjectId(id);
        update.setForceUpdate(true);
        RefUpdate.Result result = update.update();
        if (result != RefUpdate.Result.NEW
                && result != RefUpdate.Result.NO_CHANGE
                && result != RefUpdate.Result.FORCED) {
            throw new GitSourceException(
                    url,
                    id.name(),
                    "cannot record " + id.name() + " in the cache " + repo.getDirectory() + " (" + result
                            + "); delete that folder and build again");
        }
    }

    private void checkoutFrom(Path bare, String url, String id, Path target) throws IOException, GitSourceException {
        String ref = PINNED_REFS + id;
        try (Git git = Git.init().setDirectory(target.toFile()).call()) {
            git.fetch()
                    .setRemote(bare.toUri().toString())
                    .setRefSpecs(new RefSpec("+" + ref + ":" + ref))
                    .call();
            git.checkout().setName(id).call();
            ObjectId head = git.getRepository().resolve("HEAD");
            if (head == null || !head.name().equals(id)) {
                throw new GitSourceException(
                        url,
                        id,
                        "checked out " + target + " but its HEAD is "
                                + (head == null ? "unset" : head.name()) + ", not " + id + "; delete " + bare
                                + " and build again");
            }
        } catch (GitAPIException e) {
            throw new GitSourceException(
                    url, id, "cannot check out " + id + " of " + url + " into " + target + ": " + e.getMessage(), e);
        }
        listener.debug("Git: checked out " + id + " of " + url + " into " + target);
    }
}
