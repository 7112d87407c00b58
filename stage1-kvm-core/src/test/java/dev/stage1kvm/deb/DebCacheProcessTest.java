package dev.stage1kvm.deb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs fetch the same blob into one cache at the same time, as two builds of one user would. */
class DebCacheProcessTest {

    @TempDir
    Path dir;

    @Test
    void twoProcessesShareTheCacheAndDownloadABlobOnce() throws Exception {
        byte[] content = TestDebs.bulk(300_000);
        String sha = Sha256.of(content);
        try (LocalMirror mirror = new LocalMirror()) {
            mirror.put("/debian/pool/big.deb", content);
            mirror.delay(1500);
            String url = mirror.archive() + "/pool/big.deb";

            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                processes.add(start(url, sha, content.length));
            }
            List<String> outputs = new ArrayList<>();
            for (Process process : processes) {
                outputs.add(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
                assertThat(process.waitFor())
                        .as(new String(process.getErrorStream().readAllBytes()))
                        .isZero();
            }

            Path blob = new DebCache(dir.resolve("cache")).blobPath(sha);
            assertThat(outputs).containsExactly(blob.toString(), blob.toString());
            assertThat(Files.readAllBytes(blob)).isEqualTo(content);
            assertThat(mirror.requests()).containsExactly("GET /debian/pool/big.deb");
        }
    }

    private Process start(String url, String sha, int size) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        FetchInAnotherProcess.class.getName(),
                        dir.resolve("cache").toString(),
                        url,
                        sha,
                        String.valueOf(size))
                .start();
    }
}
