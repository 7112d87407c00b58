package dev.stage1kvm.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stage1kvm.aci.AciReader;
import dev.stage1kvm.progress.BuildListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {

    @TempDir
    Path temp;

    @Test
    void launchersExtractingTheSameImageAtOnceGetOneCompleteCopy() throws Exception {
        Path aci = FakeImages.qemuStage1(temp.resolve("stage1.aci"), FakeImages.qemuAnnotations(), true);
        String imageId = new AciReader().read(aci).imageId();
        ImageStore store = new ImageStore(temp.resolve("images"), BuildListener.SILENT);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Path>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> store.ensure(aci, imageId)));
        }
        pool.shutdown();

        for (Future<Path> result : results) {
            assertThat(result.get()).isEqualTo(store.folderOf(imageId));
        }
        try (var entries = Files.list(temp.resolve("images"))) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            store.folderOf(imageId).getFileName().toString(),
                            "." + store.folderOf(imageId).getFileName() + ".lock");
        }
        assertThat(store.folderOf(imageId).resolve("rootfs/kernel_image")).hasContent("bzImage");
        assertThat(store.folderOf(imageId).getFileName().toString()).isEqualTo(imageId.substring(0, 7 + 64));
    }

    @Test
    void anImageThatChangedSinceItsIdWasReadIsNotStored() throws Exception {
        Path aci = FakeImages.qemuStage1(temp.resolve("stage1.aci"), FakeImages.qemuAnnotations(), true);
        String staleId = "sha512-" + "ab".repeat(64);
        ImageStore store = new ImageStore(temp.resolve("images"), BuildListener.SILENT);

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> store.ensure(aci, staleId));

        assertThat(thrown).isInstanceOf(LauncherException.class).hasMessageContaining("changed while it was read");
        try (var entries = Files.list(temp.resolve("images"))) {
            assertThat(entries.map(p -> p.getFileName().toString())).allMatch(name -> name.endsWith(".lock"));
        }
    }

    @Test
    void gcRemovesHalfExtractedImagesAndKeepsCompleteOnes() throws Exception {
        Path aci = FakeImages.qemuStage1(temp.resolve("stage1.aci"), FakeImages.qemuAnnotations(), true);
        String imageId = new AciReader().read(aci).imageId();
        Path images = temp.resolve("data/stage1-kvm/images");
        ImageStore store = new ImageStore(images, BuildListener.SILENT);
        store.ensure(aci, imageId);
        String name = store.folderOf(imageId).getFileName().toString();
        Path partial = Files.createDirectories(images.resolve("." + name + ".new-1234/rootfs/usr"));
        Files.setPosixFilePermissions(partial, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        Path readerTemp = Files.createDirectories(images.resolve(".." + name + ".new-1234.extract-99/rootfs"));
        Harness launcher = new Harness(temp);

        assertThat(launcher.run("gc")).isZero();

        assertThat(images.resolve("." + name + ".new-1234")).doesNotExist();
        assertThat(readerTemp.getParent()).doesNotExist();
        assertThat(store.folderOf(imageId).resolve("rootfs/kernel_image")).exists();
        assertThat(launcher.out).contains("removed half-extracted image " + images.resolve("." + name + ".new-1234"));
    }
}
