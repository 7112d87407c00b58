package dev.stage1kvm.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {

    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    @TempDir
    Path dir;

    private static LockFile.Entry entry(String name, String sha) {
        return new LockFile.Entry(name, "1.0-1", "amd64", sha, 1234, "pool/main/x/" + name + "_1.0-1_amd64.deb");
    }

    @Test
    void roundTripsAndSortsByName() throws IOException {
        Path file = dir.resolve(LockFile.FILE_NAME);

        LockFile.write(file, List.of(entry("zlib1g", SHA_A), entry("libc6", SHA_B)));

        assertThat(LockFile.read(file)).containsExactly(entry("libc6", SHA_B), entry("zlib1g", SHA_A));
    }

    @Test
    void writesTheSameBytesWhateverTheInputOrder() throws IOException {
        Path first = dir.resolve("first.lock");
        Path second = dir.resolve("second.lock");

        LockFile.write(first, List.of(entry("b", SHA_A), entry("a", SHA_B)));
        LockFile.write(second, List.of(entry("a", SHA_B), entry("b", SHA_A)));

        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
        assertThat(Files.readString(first))
                .startsWith("{\n  \"lockVersion\" : 2,\n  \"packages\" : [ {\n    \"name\" : \"a\",\n    \"version\"");
    }

    @Test
    void keepsEachPinsDependenciesSortedAndReadsVersionOneWithoutThem() throws IOException {
        Path file = dir.resolve(LockFile.FILE_NAME);
        LockFile.Entry app =
                new LockFile.Entry("app", "1", "amd64", SHA_A, 10, "pool/app.deb", List.of("libc6", "libfoo", "libc6"));
        LockFile.Entry libc = new LockFile.Entry("libc6", "2", "amd64", SHA_B, 10, "pool/libc6.deb", List.of());
        LockFile.Entry libfoo = new LockFile.Entry("libfoo", "3", "amd64", SHA_B, 10, "pool/libfoo.deb", List.of());
        Path old = Files.writeString(
                dir.resolve("old.lock"),
                "{\"lockVersion\":1,\"packages\":[{\"name\":\"a\",\"version\":\"1\",\"architecture\":\"amd64\","
                        + "\"sha256\":\"" + SHA_A + "\",\"size\":1,\"path\":\"pool/a.deb\"}]}");

        LockFile.write(file, List.of(libfoo, app, libc));

        assertThat(LockFile.read(file).get(0).depends()).containsExactly("libc6", "libfoo");
        assertThat(Files.readString(file)).contains("\"depends\" : [ \"libc6\", \"libfoo\" ]");
        assertThat(LockFile.read(old))
                .singleElement()
                .satisfies(entry -> assertThat(entry.depends()).isNull());
    }

    @Test
    void rejectsADependencyItDoesNotPin() throws IOException {
        Path file = dir.resolve(LockFile.FILE_NAME);
        LockFile.write(
                file, List.of(new LockFile.Entry("app", "1", "amd64", SHA_A, 10, "pool/app.deb", List.of("gone"))));

        assertThatThrownBy(() -> LockFile.read(file))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining(
                        file + ": not a valid lock file: app=1/amd64 depends on 'gone', which it does not" + " pin");
    }

    @Test
    void namesTheFileAndLineOfBrokenJson() throws IOException {
        Path file = Files.writeString(
                dir.resolve(LockFile.FILE_NAME), "{\n  \"lockVersion\" : 1,\n  \"packages\" : [ {\n ,\n");

        assertThatThrownBy(() -> LockFile.read(file))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining(file + " line 4:")
                .hasMessageContaining("delete it to resolve the packages anew");
    }

    @Test
    void namesTheLineOfAnEntryWithABadDigest() throws IOException {
        Path file = dir.resolve(LockFile.FILE_NAME);
        LockFile.write(file, List.of(entry("a", SHA_A), entry("b", SHA_B)));
        Files.writeString(file, Files.readString(file).replace(SHA_B, "nothex"));

        assertThatThrownBy(() -> LockFile.read(file))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining(file + " line 17: not a valid lock file, entry ending here:")
                .hasMessageContaining("sha256 of 'b' must be 64 lower-case hex digits");
    }

    @Test
    void rejectsAnEntryWithAMissingFieldOrAnEscapingPath() throws IOException {
        Path missing = Files.writeString(
                dir.resolve("missing.lock"),
                "{\"lockVersion\":1,\"packages\":[{\"name\":\"a\",\"version\":\"1\",\"architecture\":\"amd64\","
                        + "\"size\":1,\"path\":\"pool/a.deb\"}]}");
        Path escaping = Files.writeString(
                dir.resolve("escaping.lock"),
                "{\"lockVersion\":1,\"packages\":[{\"name\":\"a\",\"version\":\"1\",\"architecture\":\"amd64\","
                        + "\"sha256\":\"" + SHA_A + "\",\"size\":1,\"path\":\"../../etc/a.deb\"}]}");

        assertThatThrownBy(() -> LockFile.read(missing))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining("sha256");
        assertThatThrownBy(() -> LockFile.read(escaping))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining("must be a relative path to a .deb");
    }

    @Test
    void rejectsAnotherFormatVersion() throws IOException {
        Path file = Files.writeString(dir.resolve(LockFile.FILE_NAME), "{\"lockVersion\":3,\"packages\":[]}");

        assertThatThrownBy(() -> LockFile.read(file))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining("format version 2 expected");
    }
}
