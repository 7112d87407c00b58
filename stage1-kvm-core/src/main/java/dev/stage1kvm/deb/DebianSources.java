package dev.stage1kvm.deb;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which Debian archives to read: suites, components and the architecture, plus the keys to trust.
 *
 * @param suites the suites, searched together; for one name the highest version wins wherever it comes from
 * @param components e.g. {@code main}
 * @param architecture the Debian architecture, e.g. {@code amd64}; packages of architecture {@code all} come along
 * @param keyringFile a keyring file replacing Debian's shipped archive keys, or {@code null} for those
 * @param checkValidUntil whether a release fetched from a mirror must be within its {@code Valid-Until}; turn off
 *     only for snapshot archives, whose releases are expired by design
 */
public record DebianSources(
        List<Suite> suites, List<String> components, String architecture, Path keyringFile, boolean checkValidUntil) {

    /** Debian's mirror network; it redirects to a nearby mirror. */
    public static final URI DEBIAN = URI.create("http://deb.debian.org/debian");
    /** Security updates live in their own archive. */
    public static final URI DEBIAN_SECURITY = URI.create("http://deb.debian.org/debian-security");

    /** One suite of one archive, e.g. {@code bookworm} of {@code http://deb.debian.org/debian}. */
    public record Suite(URI archive, String name) {
        public Suite {
            Objects.requireNonNull(archive, "archive");
            Objects.requireNonNull(name, "name");
        }

        /** {@code <archive>/dists/<suite>/<relative>}. */
        public URI file(String relative) {
            return Urls.child(archive, "dists/" + name + "/" + relative);
        }
    }

    public DebianSources {
        suites = List.copyOf(suites);
        components = List.copyOf(components);
        if (suites.isEmpty() || components.isEmpty()) {
            throw new IllegalArgumentException("at least one suite and one component are needed");
        }
        Objects.requireNonNull(architecture, "architecture");
    }

    /** Debian 12: bookworm, bookworm-updates and bookworm-security, component main, amd64. */
    public static DebianSources bookworm() {
        return new DebianSources(
                List.of(
                        new Suite(DEBIAN, "bookworm"),
                        new Suite(DEBIAN, "bookworm-updates"),
                        new Suite(DEBIAN_SECURITY, "bookworm-security")),
                List.of("main"),
                "amd64",
                null,
                true);
    }

    public DebianSources withSuites(List<Suite> newSuites) {
        return new DebianSources(newSuites, components, architecture, keyringFile, checkValidUntil);
    }

    public DebianSources withArchitecture(String newArchitecture) {
        return new DebianSources(suites, components, newArchitecture, keyringFile, checkValidUntil);
    }

    public DebianSources withKeyringFile(Path newKeyringFile) {
        return new DebianSources(suites, components, architecture, newKeyringFile, checkValidUntil);
    }

    public DebianSources withCheckValidUntil(boolean check) {
        return new DebianSources(suites, components, architecture, keyringFile, check);
    }

    /** The distinct archives, in the order the suites name them; a locked package is looked for in each in turn. */
    public List<URI> archives() {
        Set<URI> archives = new LinkedHashSet<>();
        suites.forEach(s -> archives.add(s.archive()));
        return List.copyOf(archives);
    }
}
