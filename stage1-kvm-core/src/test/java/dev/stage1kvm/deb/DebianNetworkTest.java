package dev.stage1kvm.deb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stage1kvm.progress.RecordingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolves and downloads systemd and QEMU from the real bookworm mirror with the shipped Debian keys. Tagged
 * {@code network}, so {@code -DexcludedGroups=network} leaves it out on a machine without Debian's mirror; the cache is
 * {@code -Dstage1kvm.cacheDir} or the user's default cache.
 */
@Tag("network")
class DebianNetworkTest {

    @TempDir
    Path dir;

    @Test
    void resolvesAndFetchesSystemdAndQemuFromBookworm() throws IOException {
        RecordingListener log = new RecordingListener();
        String cacheDir = System.getProperty("stage1kvm.cacheDir");
        DebCache cache = new DebCache(cacheDir == null ? DebCache.defaultRoot() : Path.of(cacheDir));
        DebianRepository repository =
                new DebianRepository(DebianSources.bookworm(), new Fetcher(cache, false, log), log);
        Path lockFile = dir.resolve(LockFile.FILE_NAME);

        List<DebianPackages.Fetched> fetched =
                new DebianPackages(repository, "amd64", log).fetch(List.of("systemd", "qemu-system-x86"), lockFile);

        long totalBytes = fetched.stream().mapToLong(f -> f.entry().sizeBytes()).sum();
        System.out.println("bookworm closure of systemd + qemu-system-x86: " + fetched.size() + " packages, "
                + totalBytes + " bytes");
        assertThat(fetched).extracting(f -> f.entry().name()).contains("systemd", "qemu-system-x86", "libc6");
        assertThat(fetched)
                .allSatisfy(
                        f -> assertThat(Sha256.of(f.deb())).isEqualTo(f.entry().sha256()));
        assertThat(LockFile.read(lockFile)).hasSize(fetched.size());
        assertThat(new DebArchive(fetched.stream()
                                .filter(f -> f.entry().name().equals("systemd"))
                                .findFirst()
                                .orElseThrow()
                                .deb())
                        .data(cache)
                        .contains("lib/systemd/systemd"))
                .isTrue();
        Files.writeString(dir.resolve("log.txt"), String.join("\n", log.lines));
        log.lines.stream()
                .filter(l -> l.startsWith("INFO") || l.startsWith("DEBUG resolve"))
                .forEach(System.out::println);
    }
}
