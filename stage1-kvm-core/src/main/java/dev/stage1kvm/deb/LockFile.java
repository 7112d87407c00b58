package dev.stage1kvm.deb;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
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
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The lock file {@value #FILE_NAME}: every resolved package pinned by name, version, architecture, SHA-256, size, path
 * in the archive and the pinned packages its {@code Pre-Depends} and {@code Depends} were met by, sorted by name, as
 * stable JSON. A build with a lock file takes exactly these packages: no resolver, no index, no release file; each
 * {@code .deb} is still checked against its SHA-256.
 */
public final class LockFile {

    public static final String FILE_NAME = "stage1-kvm.lock";
    /** Bumped when the format changes incompatibly. Version 2 added {@code depends}. */
    public static final int FORMAT_VERSION = 2;
    /** Version 1 files are still read: without {@code depends}, a build takes every package they pin. */
    private static final Set<Integer> READABLE_VERSIONS = Set.of(1, FORMAT_VERSION);

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private LockFile() {}

    /**
     * One pinned package.
     *
     * @param depends the names of the pinned packages that met this one's {@code Pre-Depends} and {@code Depends},
     *     sorted; empty for a package taken without its dependencies; {@code null} when unknown (format version 1)
     */
    @JsonPropertyOrder({"name", "version", "architecture", "sha256", "size", "path", "depends"})
    public record Entry(
            @JsonProperty(value = "name", required = true) String name,

            @JsonProperty(value = "version", required = true)
            String version,

            @JsonProperty(value = "architecture", required = true)
            String architecture,

            @JsonProperty(value = "sha256", required = true) String sha256,
            @JsonProperty(value = "size", required = true) long sizeBytes,
            @JsonProperty(value = "path", required = true) String path,

            @JsonProperty("depends") @JsonInclude(JsonInclude.Include.NON_NULL)
            List<String> depends) {

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
            depends = depends == null
                    ? null
                    : depends.stream().sorted().distinct().toList();
        }

        /** A pin whose dependencies are not recorded, as in format version 1. */
        public Entry(String name, String version, String architecture, String sha256, long sizeBytes, String path) {
            this(name, version, architecture, sha256, sizeBytes, path, null);
        }

        public static Entry of(DebPackage pkg, List<String> depends) {
            return new Entry(
                    pkg.name(),
                    pkg.version().toString(),
                    pkg.architecture(),
                    pkg.sha256(),
                    pkg.sizeBytes(),
                    pkg.filename(),
                    depends);
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
        if (!READABLE_VERSIONS.contains(document.lockVersion())) {
            throw new DebFormatException(
                    file.toString(),
                    String.valueOf(document.lockVersion()),
                    "lock file format version " + FORMAT_VERSION + " expected; delete it to resolve anew");
        }
        List<Entry> entries = List.copyOf(document.packages());
        requireKnownDepends(file, entries);
        return entries;
    }

    /** Every name an entry depends on must be pinned too, else the lock file was edited by hand or cut short. */
    private static void requireKnownDepends(Path file, List<Entry> entries) {
        Set<String> names = new HashSet<>();
        entries.forEach(e -> names.add(e.name()));
        for (Entry entry : entries) {
            for (String name : entry.depends() == null ? List.<String>of() : entry.depends()) {
                if (!names.contains(name)) {
                    throw new DebFormatException(
                            file.toString(),
                            name,
                            "not a valid lock file: " + entry.id() + " depends on '" + name + "', which it does not"
                                    + " pin. Fix it, or delete it to resolve the packages anew.");
                }
            }
        }
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
