package dev.stage1kvm.deb;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The lock file {@value #FILE_NAME}: every resolved package pinned by name, version, architecture, SHA-256, size and
 * path in the archive, sorted by name, as stable JSON. A build with a lock file takes exactly these packages: no
 * resolver, no index, no release file; each {@code .deb} is still checked against its SHA-256.
 */
public final class LockFile {

    public static final String FILE_NAME = "stage1-kvm.lock";
    /** Bumped when the format changes incompatibly. */
    public static final int FORMAT_VERSION = 1;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private LockFile() {}

    /** One pinned package. */
    @JsonPropertyOrder({"name", "version", "architecture", "sha256", "size", "path"})
    public record Entry(
            @JsonProperty(value = "name", required = true) String name,

            @JsonProperty(value = "version", required = true)
            String version,

            @JsonProperty(value = "architecture", required = true)
            String architecture,

            @JsonProperty(value = "sha256", required = true) String sha256,
            @JsonProperty(value = "size", required = true) long sizeBytes,
            @JsonProperty(value = "path", required = true) String path) {

        @JsonCreator
        public Entry {
            Objects.requireNonNull(name, "name");
            DebVersion.parse(Objects.requireNonNull(version, "version"));
            Objects.requireNonNull(architecture, "architecture");
            if (sha256 == null || !SHA256.matcher(sha256).matches()) {
                throw new IllegalArgumentException("sha256 of '" + name + "' must be 64 lower-case hex digits");
            }
            if (path == null || path.startsWith("/") || path.contains("..") || !path.endsWith(".deb")) {
                throw new IllegalArgumentException("path of '" + name + "' must be a relative path to a .deb");
            }
        }

        public static Entry of(DebPackage pkg) {
            return new Entry(
                    pkg.name(),
                    pkg.version().toString(),
                    pkg.architecture(),
                    pkg.sha256(),
                    pkg.sizeBytes(),
                    pkg.filename());
        }

        public String id() {
            return name + "=" + version + "/" + architecture;
        }
    }

    @JsonPropertyOrder({"lockVersion", "packages"})
    private record Document(
            @JsonProperty(value = "lockVersion", required = true)
            int lockVersion,

            @JsonProperty(value = "packages", required = true)
            List<Entry> packages) {}

    /** Writes the entries, sorted by name and architecture, through a temporary file and an atomic move. */
    public static void write(Path file, List<Entry> entries) throws IOException {
        List<Entry> sorted = entries.stream()
                .sorted(Comparator.comparing(Entry::name).thenComparing(Entry::architecture))
                .toList();
        String text = JSON.writeValueAsString(new Document(FORMAT_VERSION, sorted)) + "\n";
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), FILE_NAME, ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Reads a lock file.
     *
     * @throws DebFormatException naming the file and line when it is not a valid lock file
     */
    public static List<Entry> read(Path file) throws IOException {
        Document document;
        try {
            document = JSON.readValue(file.toFile(), Document.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? file.toString()
                    : file + " line " + e.getLocation().getLineNr();
            Throwable invalid = invalidEntry(e);
            String problem = invalid != null ? "entry ending here: " + invalid.getMessage() : e.getOriginalMessage();
            throw new DebFormatException(
                    where,
                    null,
                    "not a valid lock file, " + problem + ". Fix it, or delete it to resolve the packages anew.");
        }
        if (document.lockVersion() != FORMAT_VERSION) {
            throw new DebFormatException(
                    file.toString(),
                    String.valueOf(document.lockVersion()),
                    "lock file format version " + FORMAT_VERSION + " expected; delete it to resolve anew");
        }
        return List.copyOf(document.packages());
    }

    /** The check in {@link Entry}'s constructor that rejected an entry, or {@code null} for a JSON syntax error. */
    private static Throwable invalidEntry(JsonProcessingException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException
                    || t instanceof DebException
                    || t instanceof NullPointerException) {
                return t;
            }
        }
        return null;
    }
}
