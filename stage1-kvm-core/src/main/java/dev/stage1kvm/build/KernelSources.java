package dev.stage1kvm.build;

import dev.stage1kvm.deb.DigestMismatchException;
import dev.stage1kvm.deb.Fetcher;
import dev.stage1kvm.rootfs.InvalidInputException;
import dev.stage1kvm.source.InputDigest;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The kernel sources a user names: a tarball or folder on this host, or a tarball at a URL pinned by SHA-256. */
public final class KernelSources {

    /** The settings as the front end names them, for {@link InvalidSpecException}. */
    public static final String SOURCE_SETTING = "kernelSource";

    public static final String SHA256_SETTING = "kernelSourceSha256";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private KernelSources() {}

    /**
     * A URL ({@code https://} or {@code http://}, which needs {@code sha256}) or a path, relative paths taken from
     * {@code baseDir}.
     *
     * @param sha256 the tarball's SHA-256, or {@code null}; required for a URL, checked for a local file
     * @param fetcher downloads a URL into the content-addressed cache
     * @param name names the source in errors, as the user configured it
     * @throws InvalidSpecException for a URL without a digest, or a digest that is not 64 hex digits
     */
    public static KernelSource parse(String value, String sha256, Path baseDir, Fetcher fetcher, String name) {
        String digest =
                sha256 == null || sha256.isBlank() ? null : sha256.strip().toLowerCase(Locale.ROOT);
        if (digest != null && !SHA256.matcher(digest).matches()) {
            throw new InvalidSpecException(SHA256_SETTING, sha256, "is not a SHA-256 (64 hex digits)");
        }
        String text = value.strip();
        if (!text.startsWith("https://") && !text.startsWith("http://")) {
            return local(baseDir.resolve(text), digest, name);
        }
        if (digest == null) {
            throw new InvalidSpecException(
                    SHA256_SETTING,
                    "",
                    "is missing: the kernel source " + text + " is a URL, and a download is used only when its"
                            + " SHA-256 is known; give the tarball's SHA-256 (sha256sum prints it)");
        }
        return download(uri(text), digest, fetcher, name);
    }

    /** A tarball or folder on this host; {@code sha256} (or {@code null}) is checked for a tarball. */
    public static KernelSource local(Path path, String sha256, String name) {
        return new KernelSource() {
            @Override
            public String description() {
                return path.toString();
            }

            @Override
            public Path fetch() throws IOException {
                if (Files.isDirectory(path)) {
                    requireNoDigestForFolder(path, sha256, name);
                    return path;
                }
                if (!Files.isRegularFile(path)) {
                    throw new InvalidInputException(
                            name,
                            "'" + path + "' is neither a kernel source tarball nor a folder; point it at one, e.g."
                                    + " /usr/src/linux-source-6.1.tar.xz from Debian's linux-source-6.1");
                }
                if (sha256 != null) {
                    requireDigest(path.toString(), sha256, InputDigest.sha256(path), name);
                }
                return path;
            }
        };
    }

    /** A tarball downloaded once into the content-addressed cache and verified against {@code sha256}. */
    public static KernelSource download(URI url, String sha256, Fetcher fetcher, String name) {
        return new KernelSource() {
            @Override
            public String description() {
                return url + " (SHA-256 " + sha256 + ")";
            }

            @Override
            public Path fetch() throws IOException {
                try {
                    return fetcher.fetchBlob(List.of(url), sha256, -1, name);
                } catch (DigestMismatchException e) {
                    requireDigest(url.toString(), e.expectedSha256(), e.actualSha256(), name);
                    throw e;
                }
            }
        };
    }

    private static void requireDigest(String where, String expected, String actual, String name) {
        if (!actual.equals(expected)) {
            throw new InvalidInputException(
                    name,
                    where + " has SHA-256 " + actual + ", not the expected " + expected
                            + "; if it is the file you meant, give its SHA-256 as the expected one,"
                            + " else get it again from a source you trust");
        }
    }

    private static void requireNoDigestForFolder(Path folder, String sha256, String name) {
        if (sha256 != null) {
            throw new InvalidInputException(
                    name,
                    "'" + folder + "' is a folder, and an expected SHA-256 (" + sha256 + ") checks only a tarball;"
                            + " drop the SHA-256 or point the source at a tarball");
        }
    }

    private static URI uri(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null) {
                throw new URISyntaxException(text, "no host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidSpecException(SOURCE_SETTING, text, "is not a valid URL: " + e.getReason());
        }
    }
}
