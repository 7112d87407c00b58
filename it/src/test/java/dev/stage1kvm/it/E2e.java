package dev.stage1kvm.it;

import java.nio.file.Path;

/** Settings every end-to-end test shares, passed by the it module's pom. */
final class E2e {

    private E2e() {}

    /**
     * The launcher's XDG_DATA_HOME: its image store, shared by the test classes so that the stage1 image is extracted
     * once per build.
     */
    static Path dataHome() {
        return Path.of(System.getProperty("stage1.it.dataHome", "target/e2e-data"));
    }
}
