package dev.stage1kvm.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCacheTest {

    private static final String DIGEST = InputDigest.sha256("inputs");

    @TempDir
    Path root;

    @Test
    void storedEntryIsFoundByItsDigest() throws IOException {
        BuildCache cache = new BuildCache(root);
        Path prepared = cache.newWorkFolder("kernel");
        Files.writeString(prepared.resolve("kernel-image"), "image", StandardCharsets.UTF_8);

        Path entry = cache.store("kernel", DIGEST, prepared);

        assertThat(entry).isEqualTo(root.resolve("kernel").resolve(DIGEST));
        assertThat(cache.lookup("kernel", DIGEST)).contains(entry);
        assertThat(entry.resolve("kernel-image")).hasContent("image");
        assertThat(prepared).doesNotExist();
    }

    @Test
    void secondStoreOfTheSameDigestKeepsTheFirst() throws IOException {
        BuildCache cache = new BuildCache(root);
        Path first = cache.newWorkFolder("kernel");
        Files.writeString(first.resolve("f"), "first", StandardCharsets.UTF_8);
        Path second = cache.newWorkFolder("kernel");
        Files.writeString(second.resolve("f"), "second", StandardCharsets.UTF_8);

        cache.store("kernel", DIGEST, first);
        Path entry = cache.store("kernel", DIGEST, second);

        assertThat(entry.resolve("f")).hasContent("first");
        assertThat(second).doesNotExist();
    }

    @Test
    void unknownDigestIsAMiss() {
        assertThat(new BuildCache(root).lookup("kernel", DIGEST)).isEmpty();
    }

    @Test
    void keyThatIsNotASha256IsRefused() {
        assertThatThrownBy(() -> new BuildCache(root).lookup("kernel", "../../etc"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void digestDependsOnNamesValuesAndTheirBoundaries() {
        String ab = new InputDigest().add("a", "b").hex();

        assertThat(new InputDigest().add("a", "b").hex()).isEqualTo(ab);
        assertThat(new InputDigest().add("a", "c").hex()).isNotEqualTo(ab);
        assertThat(new InputDigest().add("ab", "").hex())
                .isNotEqualTo(new InputDigest().add("a", "b").hex());
        assertThat(ab).matches("[0-9a-f]{64}");
    }

    @Test
    void fileDigestMatchesTheKnownSha256() throws IOException {
        Path file = Files.writeString(root.resolve("abc"), "abc", StandardCharsets.UTF_8);

        assertThat(InputDigest.sha256(file))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
