package dev.stage1kvm.deb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Set;

/** Builds package indexes from short Packages-style texts for unit tests. */
final class TestIndexes {

    static final URI MIRROR = URI.create("http://mirror.invalid/debian");

    private TestIndexes() {}

    /**
     * Each stanza is {@code name version [extra fields]}: the filename, size and digest are filled in from the name.
     */
    static PackageIndex of(String... stanzas) {
        StringBuilder text = new StringBuilder();
        for (String stanza : stanzas) {
            text.append(paragraph(stanza)).append('\n');
        }
        PackageIndex index = new PackageIndex(Set.of("amd64", "all"));
        try {
            index.addAll(new BufferedReader(new StringReader(text.toString())), MIRROR, "test Packages");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return index;
    }

    private static String paragraph(String stanza) {
        String[] lines = stanza.split("\n", 2);
        String[] head = lines[0].split(" ");
        String name = head[0];
        String version = head[1];
        String arch = head.length > 2 ? head[2] : "amd64";
        return "Package: " + name + "\nVersion: " + version + "\nArchitecture: " + arch
                + "\nFilename: pool/main/" + name + "_" + version + "_" + arch + ".deb\nSize: 100\nSHA256: "
                + "0".repeat(63) + "1\n" + (lines.length > 1 ? lines[1] + "\n" : "");
    }
}
