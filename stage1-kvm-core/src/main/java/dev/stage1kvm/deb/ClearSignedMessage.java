package dev.stage1kvm.deb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an OpenPGP cleartext signed message (RFC 4880 section 7), such as an {@code InRelease} file: the
 * signed text in the canonical form the signature covers, and the armoured signature block. Nothing outside the
 * framing is accepted, so the text a caller parses is exactly the text that was signed.
 */
final class ClearSignedMessage {

    static final String BEGIN_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";
    static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
    static final String END_SIGNATURE = "-----END PGP SIGNATURE-----";
    /** RFC 4880 7.1: lines of the text starting with '-' are written with this prefix. */
    private static final String DASH_ESCAPE = "- ";

    private final List<String> lines;
    private final String armoredSignature;

    private ClearSignedMessage(List<String> lines, String armoredSignature) {
        this.lines = lines;
        this.armoredSignature = armoredSignature;
    }

    /**
     * Splits a cleartext signed message.
     *
     * @param source the URL or file, for error messages
     */
    static ClearSignedMessage parse(byte[] message, String source) {
        List<String> all = new String(message, StandardCharsets.UTF_8).lines().toList();
        int index = 0;
        if (all.isEmpty() || !all.get(0).strip().equals(BEGIN_MESSAGE)) {
            throw new DebFormatException(source, firstLine(all), "does not start with '" + BEGIN_MESSAGE + "'");
        }
        index++;
        while (index < all.size() && !all.get(index).isEmpty()) {
            if (!all.get(index).startsWith("Hash: ")) {
                throw new DebFormatException(
                        source + " line " + (index + 1), all.get(index), "unexpected armor header");
            }
            index++;
        }
        index++;
        List<String> text = new ArrayList<>();
        while (index < all.size() && !all.get(index).strip().equals(BEGIN_SIGNATURE)) {
            String line = all.get(index++);
            if (line.startsWith("-") && !line.startsWith(DASH_ESCAPE)) {
                throw new DebFormatException(source + " line " + index, line, "line starting with '-' is not escaped");
            }
            text.add(line.startsWith(DASH_ESCAPE) ? line.substring(DASH_ESCAPE.length()) : line);
        }
        return new ClearSignedMessage(text, signatureBlock(all, index, source));
    }

    private static String signatureBlock(List<String> all, int start, String source) {
        int end = start;
        while (end < all.size() && !all.get(end).strip().equals(END_SIGNATURE)) {
            end++;
        }
        if (start >= all.size() || end >= all.size()) {
            throw new DebFormatException(source, null, "has no complete '" + BEGIN_SIGNATURE + "' block");
        }
        for (int i = end + 1; i < all.size(); i++) {
            if (!all.get(i).isBlank()) {
                throw new DebFormatException(source + " line " + (i + 1), all.get(i), "text after the signature");
            }
        }
        return String.join("\n", all.subList(start, end + 1)) + "\n";
    }

    /**
     * The bytes the signature covers (RFC 4880 7.1): trailing spaces and tabs removed from every line, lines joined
     * with CR LF, no line ending after the last line.
     */
    byte[] signedBytes() {
        List<String> canonical =
                lines.stream().map(ClearSignedMessage::stripTrailing).toList();
        return String.join("\r\n", canonical).getBytes(StandardCharsets.UTF_8);
    }

    /** The signed text as Unix lines, each with its trailing whitespace removed. */
    String text() {
        StringBuilder out = new StringBuilder();
        lines.forEach(line -> out.append(stripTrailing(line)).append('\n'));
        return out.toString();
    }

    String armoredSignature() {
        return armoredSignature;
    }

    private static String stripTrailing(String line) {
        int end = line.length();
        while (end > 0
                && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }

    private static String firstLine(List<String> lines) {
        return lines.isEmpty() ? "" : lines.get(0);
    }
}
