package dev.stage1kvm.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stage1kvm.deb.DebArchive;
import dev.stage1kvm.deb.DebCache;
import dev.stage1kvm.deb.LockFile;
import dev.stage1kvm.deb.TestRepository;
import dev.stage1kvm.progress.RecordingListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock file across builds, against a signed archive on 127.0.0.1 that publishes a newer version in between. */
class DebianInputsTest {

    private static final String OLD = "1.0-1";
    private static final String NEW = "1.0-2";

    @TempDir
    Path dir;

    private final RecordingListener log = new RecordingListener();
    private TestRepository repository;
    private Path keyring;
    private Path lockFile;

    @BeforeEach
    void publishTheOldVersion() throws IOException {
        repository = new TestRepository();
        addApp(OLD);
        repository.addPackage(
                DebianInputs.KERNEL_SOURCE_PACKAGE,
                "6.1.192-3",
                "all",
                "",
                Map.of("usr/src/linux.tar.xz", new byte[1]));
        repository.publish("stable");
        keyring = repository.writeKeyring(dir.resolve("archive.gpg"));
        lockFile = dir.resolve(LockFile.FILE_NAME);
    }

    @AfterEach
    void stop() {
        repository.close();
    }

    private void addApp(String version) {
        byte[] program = ("app " + version).getBytes(StandardCharsets.UTF_8);
        repository.addPackage("app", version, "amd64", "", Map.of("usr/bin/app", program));
    }

    /** One build's Debian inputs: the first {@link DebianInputs#fetch} pins, as a build's first step does. */
    private DebianInputs build(boolean updateLock) {
        DebianInputs.Settings settings = new DebianInputs.Settings(
                DebianSourceSettings.parse(repository.archive().toString(), "stable", "main", keyring),
                new DebCache(dir.resolve("cache")),
                lockFile,
                updateLock,
                false);
        return new DebianInputs(settings, List.of("app"), log);
    }

    /** The version in the control file of the {@code .deb} a build took, and the version the lock file pins. */
    private List<String> versionTakenAndPinned(DebianInputs build) throws IOException {
        Path deb = build.fetch(List.of("app")).get("app");
        String pinned = LockFile.read(lockFile).stream()
                .filter(entry -> entry.name().equals("app"))
                .findFirst()
                .orElseThrow()
                .version();
        return List.of(new DebArchive(deb).control().get("Version"), pinned);
    }

    @Test
    void aBuildFollowsTheLockFileWhenTheMirrorServesANewerVersion() throws IOException {
        assertThat(versionTakenAndPinned(build(false))).containsExactly(OLD, OLD);
        addApp(NEW);
        repository.publish("stable");

        List<String> followed = versionTakenAndPinned(build(false));

        assertThat(followed).containsExactly(OLD, OLD);
        assertThat(log.lines).contains("INFO Following " + lockFile + ": 2 packages pinned (resolver not used)");
        assertThat(repository.requests()).noneMatch(request -> request.endsWith("app_" + NEW + "_amd64.deb"));
    }

    @Test
    void updateLockRewritesTheLockFileToTheNewerVersionAndTheBuildTakesIt() throws IOException {
        versionTakenAndPinned(build(false));
        addApp(NEW);
        repository.publish("stable");

        List<String> updated = versionTakenAndPinned(build(true));
        List<String> afterwards = versionTakenAndPinned(build(false));

        assertThat(updated).containsExactly(NEW, NEW);
        assertThat(afterwards).containsExactly(NEW, NEW);
        assertThat(log.lines).contains("INFO Deleted " + lockFile + " to resolve the packages anew");
        assertThat(log.lines)
                .as("the first build and the one with updateLock write the lock file; the last follows it")
                .filteredOn(line -> line.startsWith("INFO Wrote " + lockFile + " pinning 2 packages"))
                .hasSize(2);
    }
}
