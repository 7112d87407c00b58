package dev.stage1kvm.deb;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One binary package as a {@code Packages} index describes it. {@code Depends} and {@code Pre-Depends} are parsed
 * when first asked for: an index holds some 65,000 packages, and a build looks at the relations of a few hundred.
 */
public final class DebPackage {

    private final String name;
    private final DebVersion version;
    private final String architecture;
    private final String dependsText;
    private final String preDependsText;
    private final List<Relation> provides;
    private final String filename;
    private final long sizeBytes;
    private final String sha256;
    private final String multiArch;
    private final URI archiveUri;
    private final String source;
    private List<List<Relation>> depends;
    private List<List<Relation>> preDepends;

    private DebPackage(Deb822.Paragraph p, URI archiveUri, String where) {
        this.name = required(p, "Package", where);
        this.source = where + " (package " + name + ")";
        this.version = DebVersion.parse(required(p, "Version", where));
        this.architecture = required(p, "Architecture", where);
        this.dependsText = p.get("Depends");
        this.preDependsText = p.get("Pre-Depends");
        this.provides = Relation.parseField(p.get("Provides"), source + " Provides").stream()
                .map(group -> group.get(0))
                .toList();
        this.filename = required(p, "Filename", where);
        this.sizeBytes = parseSize(required(p, "Size", where), where);
        this.sha256 = required(p, "SHA256", where).toLowerCase(Locale.ROOT);
        this.multiArch = p.get("Multi-Arch", "no");
        this.archiveUri = archiveUri;
    }

    /**
     * Reads a package from a paragraph of a {@code Packages} file.
     *
     * @param archiveUri the mirror the package comes from (its {@code Filename} is relative to it)
     * @param source names the index, for error messages
     */
    public static DebPackage of(Deb822.Paragraph p, URI archiveUri, String source) {
        return new DebPackage(p, archiveUri, source + " line " + p.firstLine());
    }

    public String name() {
        return name;
    }

    public DebVersion version() {
        return version;
    }

    public String architecture() {
        return architecture;
    }

    /** Groups of alternatives of the {@code Depends} field. */
    public synchronized List<List<Relation>> depends() {
        if (depends == null) {
            depends = Relation.parseField(dependsText, source + " Depends");
        }
        return depends;
    }

    /** Groups of alternatives of the {@code Pre-Depends} field. */
    public synchronized List<List<Relation>> preDepends() {
        if (preDepends == null) {
            preDepends = Relation.parseField(preDependsText, source + " Pre-Depends");
        }
        return preDepends;
    }

    public List<Relation> provides() {
        return provides;
    }

    /** The path of the {@code .deb} relative to the archive root, e.g. {@code pool/main/s/systemd/...deb}. */
    public String filename() {
        return filename;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public String sha256() {
        return sha256;
    }

    /** The {@code Multi-Arch} field, {@code "no"} when absent. */
    public String multiArch() {
        return multiArch;
    }

    public URI archiveUri() {
        return archiveUri;
    }

    /** The full URL of the {@code .deb}. */
    public URI downloadUri() {
        return Urls.child(archiveUri, filename);
    }

    /** {@code name=version/architecture}, as used in logs and errors. */
    public String id() {
        return name + "=" + version + "/" + architecture;
    }

    /** Two entries are the same package when name, version, architecture and content digest agree. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DebPackage other
                && name.equals(other.name)
                && version.equals(other.version)
                && architecture.equals(other.architecture)
                && sha256.equals(other.sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, version, architecture, sha256);
    }

    @Override
    public String toString() {
        return id();
    }

    private static String required(Deb822.Paragraph p, String field, String where) {
        String value = p.get(field);
        if (value == null || value.isBlank()) {
            throw new DebFormatException(where, null, "paragraph has no '" + field + "' field");
        }
        return value.strip();
    }

    private static long parseSize(String text, String where) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new DebFormatException(where, text, "Size is not a number");
        }
    }
}
