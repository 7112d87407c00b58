package dev.stage1kvm.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A git repository made on disk by a test, one commit per call to {@link #commit}. */
public final class GitFixture implements AutoCloseable {

    private static final PersonIdent AUTHOR = new PersonIdent("Test", "test@example.invalid");

    private final Path folder;
    private final Git git;

    private GitFixture(Path folder, Git git) {
        this.folder = folder;
        this.git = git;
    }

    public static GitFixture create(Path folder) throws GitAPIException {
        return new GitFixture(
                folder,
                Git.init()
                        .setDirectory(folder.toFile())
                        .setInitialBranch("main")
                        .call());
    }

    public Path folder() {
        return folder;
    }

    /** Writes the files (path relative to the top, content) and commits everything; returns the commit id. */
    public String commit(String message, Map<String, String> files) throws IOException, GitAPIException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = folder.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
        }
        git.add().addFilepattern(".").call();
        RevCommit commit = git.commit()
                .setMessage(message)
                .setAuthor(AUTHOR)
                .setCommitter(AUTHOR)
                .call();
        return commit.name();
    }

    @Override
    public void close() {
        git.close();
    }
}
