package dev.stage1kvm.deb;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * One binary package as a {@code Packages} index describes it.
 *
 * @param archiveUri the mirror the package comes from (its {@code Filename} is relative to it)
 * @param multiArch the {@code Multi-Arch} field, {@code "no"} when absent
 */
public record DebPackage(
        String name,
        DebVersion version,
        String architecture,
        List<List<Relation>> depends,
        List<List<Relation>> preDepends,
        List<Relation> provides,
        String filename,
        long sizeBytes,
        String sha256,
        String multiArch,
        URI archiveUri) {

    /**
     * Reads a package from a paragraph of a {@code Packages} file.
     *
     * @param source names the index, for error messages
     */
    public static DebPackage of(Deb822.Paragraph p, URI archiveUri, String source) {
        String where = source + " line " + p.firstLine();
        String name = required(p, "Package", where);
        String fieldSource = where + " (package " + name + ")";
        List<Relation> provides = Relation.parseField(p.get("Provides"), fieldSource + " Provides").stream()
                .map(group -> group.get(0))
                .toList();
        return new DebPackage(
                name,
                DebVersion.parse(required(p, "Version", where)),
                required(p, "Architecture", where),
                Relation.parseField(p.get("Depends"), fieldSource + " Depends"),
                Relation.parseField(p.get("Pre-Depends"), fieldSource + " Pre-Depends"),
                provides,
                required(p, "Filename", where),
                parseSize(required(p, "Size", where), where),
                required(p, "SHA256", where).toLowerCase(Locale.ROOT),
                p.get("Multi-Arch", "no"),
                archiveUri);
    }

    /** The full URL of the {@code .deb}. */
    public URI downloadUri() {
        return Urls.child(archiveUri, filename);
    }

    /** {@code name=version/architecture}, as used in logs and errors. */
    public String id() {
        return name + "=" + version + "/" + architecture;
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
