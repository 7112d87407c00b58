package dev.stage1kvm.deb;

import dev.stage1kvm.progress.BuildListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tukaani.xz.XZInputStream;

/**
 * Debian archives as configured by {@link DebianSources}: reads each suite's signed {@code InRelease}, takes the
 * {@code Packages.xz} of each component by the SHA-256 the release lists, and fetches {@code .deb} files by their
 * SHA-256.
 *
 * <p>Release expiry: a release fetched from a mirror must be within its {@code Valid-Until} (unless turned off for
 * snapshot archives), which stops a mirror from replaying an old, vulnerable release. An offline build re-verifies the
 * signature of the cached release but does not enforce expiry: the user chose those cached bytes, and a build from a
 * warm cache must not break because a week passed. A build from a lock file reads no release at all: the lock file's
 * SHA-256 digests are the trust anchor.
 */
public final class DebianRepository {

    /** Clock skew tolerated for a release's {@code Date} and {@code Valid-Until}, as on machines without NTP. */
    private static final long CLOCK_SKEW_SECONDS = 600;

    private final DebianSources sources;
    private final Fetcher fetcher;
    private final BuildListener listener;
    private final InReleaseVerifier verifier;
    private final Clock clock;

    public DebianRepository(DebianSources sources, Fetcher fetcher, BuildListener listener) throws IOException {
        this(sources, fetcher, listener, keyring(sources), Clock.systemUTC());
    }

    DebianRepository(
            DebianSources sources, Fetcher fetcher, BuildListener listener, ArchiveKeyring keyring, Clock clock) {
        this.sources = sources;
        this.fetcher = fetcher;
        this.listener = listener;
        this.verifier = new InReleaseVerifier(keyring);
        this.clock = clock;
    }

    private static ArchiveKeyring keyring(DebianSources sources) throws IOException {
        return sources.keyringFile() == null ? ArchiveKeyring.debian() : ArchiveKeyring.fromFile(sources.keyringFile());
    }

    /** Reads every suite and component into one index of the configured architecture plus {@code all}. */
    public PackageIndex index() throws IOException {
        PackageIndex index = new PackageIndex(Set.of(sources.architecture(), "all"));
        for (DebianSources.Suite suite : sources.suites()) {
            ReleaseFile release = release(suite);
            for (String component : sources.components()) {
                addPackages(index, suite, release, component);
            }
        }
        listener.info("Debian index: " + index.size() + " packages from "
                + sources.suites().size() + " suites");
        return index;
    }

    /** The verified {@code .deb} of a package from the index, fetched unless cached. */
    public Path fetch(DebPackage pkg) throws IOException {
        return fetcher.fetchBlob(List.of(pkg.downloadUri()), pkg.sha256(), pkg.sizeBytes(), pkg.id());
    }

    /** The verified {@code .deb} of a locked package, looked for in each configured archive in turn. */
    public Path fetch(LockFile.Entry entry) throws IOException {
        List<URI> urls = new ArrayList<>();
        sources.archives().forEach(archive -> urls.add(Urls.child(archive, entry.path())));
        return fetcher.fetchBlob(urls, entry.sha256(), entry.sizeBytes(), entry.id());
    }

    /** Fetches all packages, with one progress line. */
    public List<Path> fetchAll(List<DebPackage> packages) throws IOException {
        long bytes = packages.stream().mapToLong(DebPackage::sizeBytes).sum();
        listener.info("Fetching " + packages.size() + " Debian packages (" + bytes / 1024 + " KiB) into "
                + fetcher.cache().root());
        List<Path> paths = new ArrayList<>();
        for (DebPackage pkg : packages) {
            paths.add(fetch(pkg));
        }
        return paths;
    }

    ReleaseFile release(DebianSources.Suite suite) throws IOException {
        URI url = suite.file("InRelease");
        Path cached = fetcher.cache().releasePath(suite);
        if (fetcher.offline() && Files.isRegularFile(cached)) {
            ReleaseFile release = verifiedRelease(Files.readAllBytes(cached), url);
            listener.info("Offline: using the cached release of " + suite.name() + " dated " + release.date()
                    + "; Valid-Until is not enforced offline");
            return release;
        }
        byte[] bytes = fetcher.fetchBytes(url);
        ReleaseFile release = verifiedRelease(bytes, url);
        if (sources.checkValidUntil()) {
            release.checkFresh(clock.instant(), CLOCK_SKEW_SECONDS);
            refuseRollback(release, cached, url);
        } else {
            listener.info("Valid-Until and release dates of " + url + " not checked (checkValidUntil is off)");
        }
        fetcher.cache().writeAtomically(cached, bytes);
        return release;
    }

    private ReleaseFile verifiedRelease(byte[] bytes, URI url) {
        InReleaseVerifier.Verified verified = verifier.verify(bytes, url.toString());
        ReleaseFile release = ReleaseFile.parse(verified.text(), url.toString());
        listener.debug(url + " signed by " + String.join(", ", verified.signerKeyIds()) + ", dated " + release.date());
        return release;
    }

    /** A mirror must not hand out a release older than one this cache has already verified. */
    private void refuseRollback(ReleaseFile release, Path cached, URI url) throws IOException {
        if (!Files.isRegularFile(cached) || release.date() == null) {
            return;
        }
        Instant previous = verifiedRelease(Files.readAllBytes(cached), url).date();
        if (previous != null && release.date().isBefore(previous)) {
            throw new DebVerificationException(
                    url.toString(),
                    url + " is dated " + release.date()
                            + ", older than the release dated " + previous + " verified before (" + cached
                            + "): the mirror is stale or replaying an old release. Try another mirror;"
                            + " for a snapshot archive turn the Valid-Until check off.");
        }
    }

    private void addPackages(PackageIndex index, DebianSources.Suite suite, ReleaseFile release, String component)
            throws IOException {
        String path = component + "/binary-" + sources.architecture() + "/Packages.xz";
        ReleaseFile.IndexFile file = release.indexFile(path)
                .orElseThrow(() -> new DebFetchException(
                        suite.file("InRelease").toString(),
                        suite.file("InRelease") + " lists no " + path
                                + ". Check the component and architecture names."));
        URI plain = suite.file(path);
        URI byHash = suite.file(component + "/binary-" + sources.architecture() + "/by-hash/SHA256/" + file.sha256());
        List<URI> urls = release.acquireByHash() ? List.of(byHash, plain) : List.of(plain);
        Path blob = fetcher.fetchBlob(urls, file.sha256(), file.sizeBytes(), plain.toString());
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new XZInputStream(Files.newInputStream(blob)), StandardCharsets.UTF_8))) {
            int added = index.addAll(reader, suite.archive(), plain.toString());
            listener.debug(plain + ": " + added + " packages (SHA-256 " + file.sha256() + ")");
        }
    }
}
