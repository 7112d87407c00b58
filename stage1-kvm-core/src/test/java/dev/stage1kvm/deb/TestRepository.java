package dev.stage1kvm.deb;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A signed Debian archive served on 127.0.0.1 ({@link LocalMirror} with a {@link TestPgp} key), for tests outside
 * this package: packages holding given files, the archive's public key as a keyring file, and plain files to download.
 */
public final class TestRepository implements AutoCloseable {

    private final LocalMirror mirror;
    private final TestPgp key = new TestPgp("Test Archive <archive@test>");

    public TestRepository() throws IOException {
        mirror = new LocalMirror();
    }

    /** The archive root, e.g. {@code http://127.0.0.1:PORT/debian}. */
    public URI archive() {
        return mirror.archive();
    }

    /**
     * Adds a package whose {@code data.tar.xz} holds the given regular files (guest path without the leading slash, to
     * content) and their folders.
     *
     * @param extraFields control fields such as {@code "Depends: binutils\n"}
     */
    public void addPackage(String name, String version, String arch, String extraFields, Map<String, byte[]> files) {
        List<TestDebs.Entry> entries = new ArrayList<>();
        entries.add(TestDebs.Entry.dir("./"));
        Map<String, Boolean> folders = new TreeMap<>();
        files.keySet().forEach(path -> {
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                folders.put(path.substring(0, slash + 1), true);
            }
        });
        folders.keySet().forEach(folder -> entries.add(TestDebs.Entry.dir("./" + folder)));
        files.forEach((path, content) -> entries.add(TestDebs.Entry.file("./" + path, content, 0644)));
        mirror.addPackage(name, version, arch, extraFields, TestDebs.deb(name, version, entries));
    }

    /** Writes {@code Packages.xz} and an {@code InRelease} signed by the test key for a suite (component main). */
    public void publish(String suite) {
        mirror.publish(suite, key, Instant.now().minus(1, ChronoUnit.HOURS), null);
    }

    /** Serves {@code content} at {@code path} below the server root, e.g. {@code /files/linux.tar.gz}. */
    public URI put(String path, byte[] content) {
        mirror.put(path, content);
        return URI.create(archive().resolve("/") + path.substring(1));
    }

    /** Writes the archive's public key as a binary keyring file, as {@code gpg --export} does. */
    public Path writeKeyring(Path file) throws IOException {
        return Files.write(file, key.publicKeyring());
    }

    /** Every request as {@code "METHOD path [range]"}. */
    public List<String> requests() {
        return mirror.requests();
    }

    @Override
    public void close() {
        mirror.close();
    }
}
