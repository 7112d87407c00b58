package dev.stage1kvm.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.progress.BuildListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryClosureTest {

    private static final String LOADER = "/lib64/ld-linux-x86-64.so.2";
    private static final String MULTIARCH = "usr/lib/x86_64-linux-gnu";

    @TempDir
    Path rootfs;

    @Test
    void hostLsInAMergedUsrRootfsNeedsItsLibrariesAndLoader() throws IOException {
        mergedUsr();
        copyFromHost("/usr/bin/ls", "usr/bin/ls");
        for (String lib : List.of("libc.so.6", "libselinux.so.1", "libpcre2-8.so.0", "ld-linux-x86-64.so.2")) {
            copyFromHost("/usr/lib/x86_64-linux-gnu/" + lib, MULTIARCH + "/" + lib);
        }
        Files.createDirectories(rootfs.resolve("usr/lib64"));
        Files.createSymbolicLink(
                rootfs.resolve("usr/lib64/ld-linux-x86-64.so.2"), Path.of("/" + MULTIARCH + "/ld-linux-x86-64.so.2"));

        LibraryClosure.Result result = closure().close(List.of("/bin/ls"));

        List<LibraryClosure.Library> libs = result.librariesByBinary().get("/bin/ls");
        assertThat(libs)
                .extracting(LibraryClosure.Library::name)
                .containsExactlyInAnyOrder(LOADER, "libselinux.so.1", "libc.so.6", "libpcre2-8.so.0");
        assertThat(libs.get(0).realPath()).isEqualTo(MULTIARCH + "/ld-linux-x86-64.so.2");
        assertThat(libs.get(0).symlinks()).containsExactly("lib64", "usr/lib64/ld-linux-x86-64.so.2");
        assertThat(result.pathsToKeep()).contains("lib", "lib64", MULTIARCH + "/libpcre2-8.so.0");
    }

    @Test
    void missingLibraryNamesBinaryLibraryAndFoldersSearched() throws IOException {
        TestElfWriter.executable(LOADER, "libneeded.so.3").writeTo(rootfs.resolve("usr/bin/app"));
        loader();

        assertThatThrownBy(() -> closure().close(List.of("usr/bin/app")))
                .isInstanceOfSatisfying(MissingLibraryException.class, e -> {
                    assertThat(e.binary()).isEqualTo("usr/bin/app");
                    assertThat(e.library()).isEqualTo("libneeded.so.3");
                    assertThat(e.searchedFolders())
                            .containsExactlyElementsOf(LoaderDefaults.DEBIAN_AMD64.systemFolders());
                })
                .hasMessageContaining("library 'libneeded.so.3' needed by usr/bin/app")
                .hasMessageContaining(rootfs.toString());
    }

    @Test
    void missingLoaderIsNamed() throws IOException {
        TestElfWriter.executable(LOADER).writeTo(rootfs.resolve("usr/bin/app"));

        assertThatThrownBy(() -> closure().close(List.of("usr/bin/app")))
                .isInstanceOfSatisfying(
                        MissingLibraryException.class,
                        e -> assertThat(e.library()).isEqualTo(LOADER));
    }

    @Test
    void missingBinaryIsNamed() {
        assertThatThrownBy(() -> closure().close(List.of("usr/bin/nothing")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("usr/bin/nothing");
    }

    @Test
    void indirectDependencyReportsWhoNeededIt() throws IOException {
        loader();
        TestElfWriter.executable(LOADER, "liba.so.1").writeTo(rootfs.resolve("usr/bin/app"));
        TestElfWriter.library("liba.so.1", "libgone.so.2").writeTo(rootfs.resolve(MULTIARCH + "/liba.so.1"));

        assertThatThrownBy(() -> closure().close(List.of("usr/bin/app")))
                .isInstanceOfSatisfying(MissingLibraryException.class, e -> {
                    assertThat(e.neededBy()).isEqualTo(MULTIARCH + "/liba.so.1");
                    assertThat(e.binary()).isEqualTo("usr/bin/app");
                })
                .hasMessageContaining("(loaded for binary usr/bin/app)");
    }

    @Test
    void runpathWithOriginIsExpandedAndNotInheritedByLibraries() throws IOException {
        loader();
        TestElfWriter.executable(LOADER, "liba.so.1")
                .runpath("$ORIGIN/../private")
                .writeTo(rootfs.resolve("opt/app/bin/app"));
        TestElfWriter.library("liba.so.1", "libb.so.1").writeTo(rootfs.resolve("opt/app/private/liba.so.1"));
        TestElfWriter.library("libb.so.1").writeTo(rootfs.resolve("opt/app/private/libb.so.1"));

        assertThatThrownBy(() -> closure().close(List.of("opt/app/bin/app")))
                .isInstanceOfSatisfying(
                        MissingLibraryException.class,
                        e -> assertThat(e.library()).isEqualTo("libb.so.1"));
    }

    @Test
    void rpathOfTheExecutableServesItsLibrariesToo() throws IOException {
        loader();
        TestElfWriter.executable(LOADER, "liba.so.1")
                .rpath("${ORIGIN}/../private")
                .writeTo(rootfs.resolve("opt/app/bin/app"));
        TestElfWriter.library("liba.so.1", "libb.so.1").writeTo(rootfs.resolve("opt/app/private/liba.so.1"));
        TestElfWriter.library("libb.so.1").writeTo(rootfs.resolve("opt/app/private/libb.so.1"));

        LibraryClosure.Result result = closure().close(List.of("opt/app/bin/app"));

        assertThat(result.librariesByBinary().get("opt/app/bin/app"))
                .extracting(LibraryClosure.Library::foundAt)
                .containsExactly(LOADER, "/opt/app/bin/../private/liba.so.1", "/opt/app/bin/../private/libb.so.1");
    }

    @Test
    void rpathIsIgnoredWhenTheObjectAlsoHasRunpath() throws IOException {
        loader();
        TestElfWriter.executable(LOADER, "liba.so.1")
                .rpath("/opt/rpath")
                .runpath("/opt/runpath")
                .writeTo(rootfs.resolve("usr/bin/app"));
        TestElfWriter.library("liba.so.1").writeTo(rootfs.resolve("opt/rpath/liba.so.1"));
        TestElfWriter.library("liba.so.1").writeTo(rootfs.resolve("opt/runpath/liba.so.1"));

        LibraryClosure.Result result = closure().close(List.of("usr/bin/app"));

        assertThat(result.pathsToKeep()).contains("opt/runpath/liba.so.1").doesNotContain("opt/rpath/liba.so.1");
    }

    @Test
    void ldSoConfIncludesAreFollowedInsideTheRootfs() throws IOException {
        loader();
        write("etc/ld.so.conf", "# comment\ninclude /etc/ld.so.conf.d/*.conf\n");
        write("etc/ld.so.conf.d/b.conf", "/opt/second/lib\n");
        write("etc/ld.so.conf.d/a.conf", "/opt/first/lib # trailing comment\n");
        write("etc/ld.so.conf.d/ignored.txt", "/opt/never\n");
        TestElfWriter.executable(LOADER, "libc.so.6").writeTo(rootfs.resolve("usr/bin/app"));
        TestElfWriter.library("libc.so.6").writeTo(rootfs.resolve("opt/second/lib/libc.so.6"));
        TestElfWriter.library("libc.so.6").writeTo(rootfs.resolve(MULTIARCH + "/libc.so.6"));

        assertThat(LdSoConf.folders(new RootfsResolver(rootfs))).containsExactly("/opt/first/lib", "/opt/second/lib");
        assertThat(closure().close(List.of("usr/bin/app")).pathsToKeep()).contains("opt/second/lib/libc.so.6");
    }

    @Test
    void absoluteSymlinkIsResolvedInsideTheRootfsNotOnTheHost() throws IOException {
        loader();
        TestElfWriter.executable(LOADER, "libc.so.6").writeTo(rootfs.resolve("usr/bin/app"));
        Files.createDirectories(rootfs.resolve(MULTIARCH));
        Files.createSymbolicLink(
                rootfs.resolve(MULTIARCH + "/libc.so.6"), Path.of("/usr/lib/x86_64-linux-gnu/libc.so.6.real"));
        Files.createSymbolicLink(rootfs.resolve("usr/lib/libc.so.6"), Path.of("/" + MULTIARCH + "/libc.so.6"));
        assertThat(Path.of("/" + MULTIARCH + "/libc.so.6")).exists();

        assertThatThrownBy(() -> closure().close(List.of("usr/bin/app")))
                .isInstanceOfSatisfying(
                        MissingLibraryException.class,
                        e -> assertThat(e.library()).isEqualTo("libc.so.6"));
    }

    @Test
    void dotDotAboveTheRootStaysAtTheRoot() throws IOException {
        write("etc/target", "x");
        Files.createDirectories(rootfs.resolve("a"));
        Files.createSymbolicLink(rootfs.resolve("a/link"), Path.of("../../../../etc/target"));

        assertThat(new RootfsResolver(rootfs).resolve("a/link").orElseThrow().realPath())
                .isEqualTo("etc/target");
    }

    @Test
    void symlinkLoopEndsTheLookup() throws IOException {
        Files.createSymbolicLink(rootfs.resolve("loop"), Path.of("loop"));

        assertThat(new RootfsResolver(rootfs).resolve("loop")).isEmpty();
    }

    @Test
    void libraryOfAnotherClassIsPassedOver() throws IOException {
        loader();
        TestElfWriter.executable(LOADER, "libz.so.1").writeTo(rootfs.resolve("usr/bin/app"));
        TestElfWriter.library("libz.so.1").elf32().writeTo(rootfs.resolve("lib/x86_64-linux-gnu/libz.so.1"));
        TestElfWriter.library("libz.so.1").writeTo(rootfs.resolve(MULTIARCH + "/libz.so.1"));

        assertThat(closure().close(List.of("usr/bin/app")).pathsToKeep())
                .containsExactly("lib64/ld-linux-x86-64.so.2", MULTIARCH + "/libz.so.1");
    }

    @Test
    void staticBinaryNeedsNothing() throws IOException {
        TestElfWriter writer = TestElfWriter.executable(null);
        writer.dynamic = false;
        writer.writeTo(rootfs.resolve("bin/busybox"));

        assertThat(closure().close(List.of("bin/busybox")).librariesByBinary().get("bin/busybox"))
                .isEmpty();
    }

    @Test
    void scriptNeedsNoLibraries() throws IOException {
        write("usr/bin/hello", "#!/bin/sh\necho hello\n");

        assertThat(closure().close(List.of("usr/bin/hello")).librariesByBinary().get("usr/bin/hello"))
                .isEmpty();
    }

    @Test
    void librarySharedBySeveralObjectsIsLoadedOnce() throws IOException {
        loader();
        TestElfWriter.executable(LOADER, "liba.so.1", "libc.so.6").writeTo(rootfs.resolve("usr/bin/app"));
        TestElfWriter.library("liba.so.1", "libc.so.6").writeTo(rootfs.resolve(MULTIARCH + "/liba.so.1"));
        TestElfWriter.library("libc.so.6").writeTo(rootfs.resolve(MULTIARCH + "/libc.so.6"));

        assertThat(closure().close(List.of("usr/bin/app")).librariesByBinary().get("usr/bin/app"))
                .extracting(LibraryClosure.Library::name)
                .containsExactly(LOADER, "liba.so.1", "libc.so.6");
    }

    private LibraryClosure closure() {
        return new LibraryClosure(rootfs, LoaderDefaults.DEBIAN_AMD64, BuildListener.SILENT);
    }

    private void loader() throws IOException {
        TestElfWriter.library("ld-linux-x86-64.so.2").writeTo(rootfs.resolve("lib64/ld-linux-x86-64.so.2"));
    }

    private void mergedUsr() throws IOException {
        Files.createDirectories(rootfs.resolve("usr/lib"));
        Files.createDirectories(rootfs.resolve("usr/bin"));
        Files.createSymbolicLink(rootfs.resolve("lib"), Path.of("usr/lib"));
        Files.createSymbolicLink(rootfs.resolve("lib64"), Path.of("usr/lib64"));
        Files.createSymbolicLink(rootfs.resolve("bin"), Path.of("usr/bin"));
    }

    private void copyFromHost(String hostPath, String guestPath) throws IOException {
        Path target = rootfs.resolve(guestPath);
        Files.createDirectories(target.getParent());
        Files.copy(Path.of(hostPath), target);
    }

    private void write(String guestPath, String text) throws IOException {
        Path target = rootfs.resolve(guestPath);
        Files.createDirectories(target.getParent());
        Files.writeString(target, text, StandardCharsets.UTF_8);
    }
}
