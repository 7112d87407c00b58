package dev.stage1kvm.deb;

import dev.stage1kvm.progress.BuildListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * Gets files over HTTP into the {@link DebCache}: every blob is checked against its SHA-256 before it is stored or
 * used, a failed download is tried again ({@value #DEFAULT_TRIES} tries) and resumed with an HTTP range request where
 * the server allows it. Offline, nothing is fetched and a missing file is named with the command that fetches it.
 */
public final class Fetcher {

    /** The command a user runs, online, to fill the cache for an offline build. */
    public static final String FETCH_COMMAND = "./mvnw stage1-kvm:fetch";
    /** Three tries ride out a mirror's brief hiccup without hiding a mirror that is down. */
    static final int DEFAULT_TRIES = 3;
    /** Grows linearly with each try: 2 s, then 4 s. */
    private static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(2);

    /** Bookworm's InRelease is 150 KB; a mirror that sends more than this is not serving a release file. */
    static final int MAX_SMALL_FILE_BYTES = 16 * 1024 * 1024;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Per request, long enough for an 8 MB index on a slow line; a stalled transfer fails instead of hanging. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private final DebCache cache;
    private final boolean offline;
    private final BuildListener listener;
    private final HttpClient client;
    private final int tries;
    private final Duration retryDelay;

    public Fetcher(DebCache cache, boolean offline, BuildListener listener) {
        this(cache, offline, listener, DEFAULT_TRIES, DEFAULT_RETRY_DELAY);
    }

    Fetcher(DebCache cache, boolean offline, BuildListener listener, int tries, Duration retryDelay) {
        this.cache = cache;
        this.offline = offline;
        this.listener = listener;
        this.tries = tries;
        this.retryDelay = retryDelay;
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                // Honours -Dhttp.proxyHost/-Dhttp.proxyPort (Maven passes MAVEN_OPTS to the JVM).
                .proxy(ProxySelector.getDefault())
                .build();
    }

    public boolean offline() {
        return offline;
    }

    public DebCache cache() {
        return cache;
    }

    /** A small file (an {@code InRelease}) in memory; the caller verifies it. */
    public byte[] fetchBytes(URI url) {
        requireOnline(url, null, null);
        IOException last = null;
        for (int attempt = 1; attempt <= tries; attempt++) {
            try {
                HttpResponse<InputStream> response = send(request(url).build(), url);
                checkStatus(response.statusCode(), url);
                byte[] body = readLimited(response.body(), url);
                listener.debug("fetched " + url + " (" + body.length + " bytes)");
                return body;
            } catch (NotFound e) {
                throw unreachable(url, e);
            } catch (IOException e) {
                last = e;
                pause(attempt, url, e);
            }
        }
        throw unreachable(url, last);
    }

    private static byte[] readLimited(InputStream body, URI url) throws IOException {
        try (body) {
            byte[] bytes = body.readNBytes(MAX_SMALL_FILE_BYTES + 1);
            if (bytes.length > MAX_SMALL_FILE_BYTES) {
                throw new DebFetchException(
                        url.toString(),
                        url + " is larger than " + MAX_SMALL_FILE_BYTES
                                + " bytes, far more than any release file; check the mirror URL.");
            }
            return bytes;
        }
    }

    /**
     * The verified blob with this digest, fetched from the first URL that has it when it is not cached yet.
     *
     * @param urls where to look, in order; a 404 moves on to the next
     * @param sizeBytes the expected size, or -1 when unknown
     * @param what names the file for the user, e.g. {@code systemd=252.31-1~deb12u1/amd64}
     * @throws NotOnMirrorException when every URL answers 404 or 410
     */
    public Path fetchBlob(List<URI> urls, String sha256, long sizeBytes, String what) throws IOException {
        return cache.withBlobLock(sha256, () -> {
            if (cachedAndIntact(sha256)) {
                return cache.blobPath(sha256);
            }
            requireOnline(urls.get(0), what, sha256);
            String answer = null;
            for (URI url : urls) {
                try {
                    return download(url, sha256, sizeBytes);
                } catch (NotFound e) {
                    answer = e.getMessage();
                }
            }
            throw new NotOnMirrorException(what, urls, answer);
        });
    }

    private boolean cachedAndIntact(String sha256) throws IOException {
        Path blob = cache.blobPath(sha256);
        if (!Files.isRegularFile(blob)) {
            return false;
        }
        String actual = Sha256.of(blob);
        if (actual.equals(sha256)) {
            return true;
        }
        listener.warn("cache file " + blob + " is damaged (SHA-256 " + actual + "); fetching it again");
        Files.delete(blob);
        return false;
    }

    private Path download(URI url, String sha256, long sizeBytes) throws IOException {
        Path part = cache.partialPath(sha256);
        Files.createDirectories(part.getParent());
        IOException last = null;
        for (int attempt = 1; attempt <= tries; attempt++) {
            try {
                return attempt(url, part, sha256, sizeBytes);
            } catch (NotFound e) {
                throw e;
            } catch (IOException e) {
                last = e;
                pause(attempt, url, e);
            }
        }
        if (last instanceof Truncated) {
            throw new DebFetchException(
                    url.toString(),
                    "Download of " + url + " was cut off: " + last.getMessage() + " after " + tries
                            + " tries. Run the build again; the download resumes where it stopped.");
        }
        throw unreachable(url, last);
    }

    private Path attempt(URI url, Path part, String sha256, long sizeBytes) throws IOException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (sizeBytes >= 0 && have >= sizeBytes) {
            Files.delete(part);
            have = 0;
        }
        HttpRequest.Builder request = request(url);
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = send(request.build(), url);
        if (response.statusCode() == 416) {
            response.body().close();
            Files.delete(part);
            throw new IOException("server refused to resume at byte " + have + "; starting again");
        }
        boolean resumed = have > 0 && response.statusCode() == 206;
        if (!resumed) {
            checkStatus(response.statusCode(), url);
        }
        listener.debug("fetch " + url + (resumed ? " from byte " + have : ""));
        try (InputStream in = response.body();
                OutputStream out = Files.newOutputStream(
                        part,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            in.transferTo(out);
        }
        return verify(url, part, sha256, sizeBytes, resumed);
    }

    private Path verify(URI url, Path part, String sha256, long sizeBytes, boolean resumed) throws IOException {
        long got = Files.size(part);
        if (sizeBytes >= 0 && got < sizeBytes) {
            throw new Truncated("got " + got + " of " + sizeBytes + " bytes");
        }
        String actual = Sha256.of(part);
        if (!actual.equals(sha256)) {
            Files.delete(part);
            if (resumed) {
                throw new IOException("resumed download does not match; starting again");
            }
            throw DebVerificationException.digestMismatch(url.toString(), sha256, actual);
        }
        return cache.commitBlob(part, sha256);
    }

    private HttpResponse<InputStream> send(HttpRequest request, URI url) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            throw interrupted(url, e);
        }
    }

    private static HttpRequest.Builder request(URI url) {
        return HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).GET();
    }

    private static void checkStatus(int status, URI url) throws IOException {
        if (status == 404 || status == 410) {
            throw new NotFound("HTTP " + status);
        }
        if (status != 200) {
            throw new IOException("HTTP status " + status + " from " + url);
        }
    }

    private void requireOnline(URI url, String what, String sha256) {
        if (offline) {
            String where =
                    sha256 == null ? "" : " (SHA-256 " + sha256 + ", expected at " + cache.blobPath(sha256) + ")";
            throw new DebFetchException(
                    url.toString(),
                    "Offline, and " + (what == null ? "" : what + " from ") + url + " is not in the cache" + where
                            + ". Run " + FETCH_COMMAND + " once while online to fill the cache.");
        }
    }

    private void pause(int attempt, URI url, IOException cause) {
        if (attempt >= tries || cause instanceof NotFound) {
            return;
        }
        listener.debug("try " + attempt + " of " + tries + " for " + url + " failed: " + cause + "; trying again");
        try {
            Thread.sleep(retryDelay.toMillis() * attempt);
        } catch (InterruptedException e) {
            throw interrupted(url, e);
        }
    }

    private static DebFetchException unreachable(URI url, IOException cause) {
        if (cause instanceof NotFound) {
            return new DebFetchException(
                    url.toString(),
                    url + " answered " + cause.getMessage() + ". Check the mirror URL and suite name.",
                    cause);
        }
        return new DebFetchException(
                url.toString(),
                "Cannot fetch " + url + ": " + cause + ". Check the network or"
                        + " proxy settings, or build offline (-o) from a cache filled by " + FETCH_COMMAND + ".",
                cause);
    }

    private static DebFetchException interrupted(URI url, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new DebFetchException(url.toString(), "interrupted while fetching " + url, e);
    }

    /** The server does not have the file. */
    private static final class NotFound extends IOException {
        NotFound(String message) {
            super(message);
        }
    }

    /** The body ended before the expected size. */
    private static final class Truncated extends IOException {
        Truncated(String message) {
            super(message);
        }
    }
}
