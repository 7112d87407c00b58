package dev.stage1kvm.aci;

import java.util.regex.Pattern;

/** The appc identifier rules (appc spec 0.8.11, "AC Identifier" and "AC Name"). */
public final class AcIdentifier {

    /** Lower case, starts and ends with a letter or digit; image, label, annotation and isolator names. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9]+([-._~/][a-z0-9]+)*");

    /** DNS-label-like; app, volume, mount point and port names. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private AcIdentifier() {}

    public static boolean isIdentifier(String value) {
        return value != null && IDENTIFIER.matcher(value).matches();
    }

    public static boolean isName(String value) {
        return value != null && NAME.matcher(value).matches();
    }

    /** Why {@code value} is not an AC Identifier, in words a user can act on; {@code null} when it is one. */
    public static String identifierProblem(String value) {
        if (value == null || value.isEmpty()) {
            return "must not be empty";
        }
        if (isIdentifier(value)) {
            return null;
        }
        if (!value.equals(value.toLowerCase(java.util.Locale.ROOT))) {
            return "must be lower case (try '" + value.toLowerCase(java.util.Locale.ROOT) + "')";
        }
        return "must be lower-case letters and digits, separated by single '-', '.', '_', '~' or '/', "
                + "and start and end with a letter or digit";
    }
}
