package dev.stage1kvm.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildToolsTest {

    @TempDir
    Path bin;

    @Test
    void missingProgramsAndHeadersAreNamedWithTheirPackages() throws IOException {
        fakeProgram("gcc", "gcc (Fake) 1.0");
        BuildTools tools = new BuildTools(environmentWithPath(bin.toString()));
        List<BuildTool> needed = List.of(
                BuildTool.program("gcc", "gcc"),
                BuildTool.program("flex", "flex"),
                BuildTool.program("bison", "bison"),
                BuildTool.header(
                        "libelf headers",
                        "libelf-dev",
                        bin.resolve("no/libelf.h").toString()));

        assertThatThrownBy(() -> tools.requireAll("the kernel build", needed))
                .isInstanceOfSatisfying(
                        MissingBuildToolException.class,
                        e -> assertThat(e.missing())
                                .extracting(BuildTool::name)
                                .containsExactly("flex", "bison", "libelf headers"))
                .hasMessageContaining("the kernel build needs tools this host lacks: flex (Debian package flex)")
                .hasMessageContaining("libelf headers " + bin.resolve("no/libelf.h") + " (Debian package libelf-dev)")
                .hasMessageEndingWith("Install them with: apt-get install flex bison libelf-dev");
    }

    @Test
    void headerFoundUnderAnyOfItsPathsCounts() throws Exception {
        Path gelf = Files.writeString(bin.resolve("gelf.h"), "");
        BuildTools tools = new BuildTools(environmentWithPath(bin.toString()));

        tools.requireAll(
                "x",
                List.of(BuildTool.header("libelf headers", "libelf-dev", "/nonexistent/libelf.h", gelf.toString())));
    }

    @Test
    void versionsAreTheFirstNonBlankLine() throws Exception {
        fakeProgram("gcc", "\n  gcc (Fake) 12.2.0\nCopyright");
        BuildTools tools = new BuildTools(environmentWithPath(bin.toString()));

        assertThat(tools.versions(List.of(BuildTool.program("gcc", "gcc")))).containsEntry("gcc", "gcc (Fake) 12.2.0");
    }

    private void fakeProgram(String name, String versionOutput) throws IOException {
        Path program = bin.resolve(name);
        Files.writeString(program, "#!/bin/sh\nprintf '%s\\n' '" + versionOutput.replace("\n", "' '") + "'\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static BuildEnvironment environmentWithPath(String path) {
        return new BuildEnvironment(0, "u", "h", path);
    }
}
