package dev.stage1kvm.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the launcher in this JVM against a test folder: its own store, pods folder and a host without KVM. */
final class Harness {

    final Path temp;
    final Map<String, String> environment = new HashMap<>();
    Path hostRoot;
    String out = "";
    String err = "";

    Harness(Path temp) throws IOException {
        this.temp = temp;
        environment.put("XDG_DATA_HOME", temp.resolve("data").toString());
        environment.put("XDG_RUNTIME_DIR", temp.resolve("run").toString());
        environment.put("HOME", temp.toString());
        hostRoot = Files.createDirectories(temp.resolve("host-without-kvm"));
    }

    int run(String... args) {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        LauncherContext context = new LauncherContext(
                environment,
                hostRoot,
                2,
                new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        int code = Main.execute(args, context);
        out = outBytes.toString(StandardCharsets.UTF_8);
        err = errBytes.toString(StandardCharsets.UTF_8);
        return code;
    }

    Path podsRoot() {
        return temp.resolve("run/stage1-kvm/pods");
    }

    Path imagesRoot() {
        return temp.resolve("data/stage1-kvm/images");
    }

    /** The pod folders left behind. */
    List<Path> pods() throws IOException {
        if (!Files.isDirectory(podsRoot())) {
            return List.of();
        }
        try (var list = Files.list(podsRoot())) {
            return list.toList();
        }
    }

    List<String> errLines() {
        return err.lines().toList();
    }
}
