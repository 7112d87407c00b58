package dev.stage1kvm.deb;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a verified {@code InRelease} file that the client uses: its dates and the SHA-256 of each index file
 * (Debian's RepositoryFormat, "Release files").
 */
public final class ReleaseFile {

    /** Debian writes dates as RFC 2822 dates in UTC, e.g. {@code Sat, 11 Jul 2026 10:16:37 UTC}. */
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss z", Locale.ROOT);

    /** An index file listed in the {@code SHA256} field. */
    public record IndexFile(String path, String sha256, long sizeBytes) {}

    private final String url;
    private final Instant date;
    private final Instant validUntil;
    private final boolean acquireByHash;
    private final Map<String, IndexFile> sha256;

    private ReleaseFile(String url, Instant date, Instant validUntil, boolean byHash, Map<String, IndexFile> sha256) {
        this.url = url;
        this.date = date;
        this.validUntil = validUntil;
        this.acquireByHash = byHash;
        this.sha256 = Map.copyOf(sha256);
    }

    /**
     * Reads the text of a verified {@code InRelease}.
     *
     * @param url where it came from, named in errors
     */
    public static ReleaseFile parse(String verifiedText, String url) {
        List<Deb822.Paragraph> paragraphs = Deb822.parse(verifiedText, url);
        if (paragraphs.size() != 1) {
            throw new DebFormatException(url, null, "expected one paragraph, found " + paragraphs.size());
        }
        Deb822.Paragraph p = paragraphs.get(0);
        if (p.get("SHA256") == null) {
            throw new DebFormatException(url, null, "has no SHA256 field, so its index files cannot be checked");
        }
        return new ReleaseFile(
                url,
                date(p.get("Date"), url, "Date"),
                date(p.get("Valid-Until"), url, "Valid-Until"),
                "yes".equalsIgnoreCase(p.get("Acquire-By-Hash", "no")),
                checksums(p.get("SHA256"), url));
    }

    /** The {@code Date} field, or {@code null} when absent. */
    public Instant date() {
        return date;
    }

    /** The {@code Valid-Until} field, or {@code null} when the archive sets none (Debian's main suites do not). */
    public Instant validUntil() {
        return validUntil;
    }

    /** Whether index files may be fetched from {@code by-hash/SHA256/<digest>}, which never changes under a reader. */
    public boolean acquireByHash() {
        return acquireByHash;
    }

    /** The index file at a path relative to the suite's folder, e.g. {@code main/binary-amd64/Packages.xz}. */
    public Optional<IndexFile> indexFile(String path) {
        return Optional.ofNullable(sha256.get(path));
    }

    /**
     * Checks the release's dates against the clock, as apt does for a release fetched from a mirror: it must not be
     * dated in the future (beyond {@code clockSkewSeconds}), nor be used after its {@code Valid-Until}.
     *
     * @throws DebVerificationException naming the URL, the date and the remedy
     */
    public void checkFresh(Instant now, long clockSkewSeconds) {
        if (date != null && date.isAfter(now.plusSeconds(clockSkewSeconds))) {
            throw new DebVerificationException(
                    url,
                    url + " is dated " + date + ", in the future (clock now " + now + "). Check the system clock.");
        }
        if (validUntil != null && validUntil.isBefore(now.minusSeconds(clockSkewSeconds))) {
            throw new DebVerificationException(
                    url,
                    url + " expired at " + validUntil + " (Valid-Until; clock now " + now + "): the mirror may be"
                            + " stale or replaying an old release. Try another mirror; for a snapshot archive turn"
                            + " the Valid-Until check off.");
        }
    }

    private static Instant date(String text, String url, String field) {
        if (text == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(text.strip(), DATE).toInstant();
        } catch (DateTimeParseException e) {
            throw new DebFormatException(url + " field " + field, text, "not an RFC 2822 date");
        }
    }

    private static Map<String, IndexFile> checksums(String field, String url) {
        Map<String, IndexFile> files = new HashMap<>();
        for (String line : field.strip().split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length != 3 || !parts[0].matches("[0-9a-fA-F]{64}") || !parts[1].matches("[0-9]+")) {
                throw new DebFormatException(url + " field SHA256", line, "expected '<sha256> <size> <path>'");
            }
            files.put(parts[2], new IndexFile(parts[2], parts[0].toLowerCase(Locale.ROOT), Long.parseLong(parts[1])));
        }
        return files;
    }
}
