package dev.stage1kvm.deb;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Debian archive served over HTTP on 127.0.0.1 by the JDK's server: packages, a {@code Packages.xz} and an
 * {@code InRelease} signed with a test key. Faults can be injected per path.
 */
final class LocalMirror implements AutoCloseable {

    static final DateTimeFormatter RELEASE_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    /** Paths whose responses are cut after this many bytes, while the header promises the full length. */
    private final Map<String, Integer> cutOnce = new ConcurrentHashMap<>();
    /** Paths that the mirror holds only partly: the response is complete but short. */
    private final Map<String, Integer> shortened = new ConcurrentHashMap<>();

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile long delayMillis;
    private final StringBuilder packages = new StringBuilder();

    LocalMirror() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The archive root, e.g. {@code http://127.0.0.1:PORT/debian}. */
    URI archive() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/debian");
    }

    /** Adds a package to the pool and to the next published index; returns its bytes. */
    byte[] addPackage(String name, String version, String arch, String extraFields, byte[] deb) {
        String filename = "pool/main/" + name.charAt(0) + "/" + name + "/" + name + "_" + version + "_" + arch + ".deb";
        files.put("/debian/" + filename, deb);
        packages.append("Package: ")
                .append(name)
                .append("\nVersion: ")
                .append(version)
                .append("\nArchitecture: ")
                .append(arch)
                .append('\n')
                .append(extraFields)
                .append("Filename: ")
                .append(filename)
                .append("\nSize: ")
                .append(deb.length)
                .append("\nSHA256: ")
                .append(Sha256.of(deb))
                .append("\n\n");
        return deb;
    }

    byte[] addPackage(String name, String version, String extraFields) {
        return addPackage(name, version, "amd64", extraFields, TestDebs.deb(name, version, TestDebs.usrTree(name)));
    }

    /** Writes {@code Packages.xz} and a signed {@code InRelease} for a suite with component main, amd64. */
    void publish(String suite, TestPgp key, Instant date, Instant validUntil) {
        byte[] xz = TestDebs.xz(packages.toString().getBytes(StandardCharsets.UTF_8));
        String sha = Sha256.of(xz);
        String dir = "/debian/dists/" + suite + "/main/binary-amd64/";
        files.put(dir + "Packages.xz", xz);
        files.put(dir + "by-hash/SHA256/" + sha, xz);
        String release = "Origin: Test\nSuite: " + suite + "\nDate: " + RELEASE_DATE.format(date) + "\n"
                + (validUntil == null ? "" : "Valid-Until: " + RELEASE_DATE.format(validUntil) + "\n")
                + "Acquire-By-Hash: yes\nArchitectures: amd64\nComponents: main\nSHA256:\n " + sha + " " + xz.length
                + " main/binary-amd64/Packages.xz\n";
        files.put("/debian/dists/" + suite + "/InRelease", key.clearSign(release));
    }

    void put(String path, byte[] content) {
        files.put(path, content);
    }

    byte[] get(String path) {
        return files.get(path);
    }

    /** Makes every response wait, so that concurrent clients overlap. */
    void delay(long millis) {
        delayMillis = millis;
    }

    void cutOnce(String path, int bytes) {
        cutOnce.put(path, bytes);
    }

    void shorten(String path, int bytes) {
        shortened.put(path, bytes);
    }

    /** Every request as {@code "METHOD path [range]"}. */
    List<String> requests() {
        return new ArrayList<>(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add(exchange.getRequestMethod() + " " + path + (range == null ? "" : " " + range));
        byte[] content = files.get(path);
        try (exchange) {
            Thread.sleep(delayMillis);
            if (content == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=([0-9]+)-", "$1"));
            int end = Math.min(content.length, shortened.getOrDefault(path, content.length));
            exchange.sendResponseHeaders(range == null ? 200 : 206, end - from);
            Integer cut = cutOnce.remove(path);
            OutputStream body = exchange.getResponseBody();
            body.write(content, from, cut == null ? end - from : Math.min(cut, end - from));
            body.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // A cut response: the server notices that fewer bytes than promised were written.
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
