package dev.stage1kvm.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SHA-256 digest of every input of a build, used as its cache key. Each input is a name and a value; both are
 * length-prefixed before hashing so no two different lists of inputs hash alike. The inputs are also kept as text to
 * be written next to the cached result.
 */
public final class InputDigest {

    private final MessageDigest sha256 = newSha256();
    private final Map<String, String> inputs = new LinkedHashMap<>();

    /** Adds a named text input. */
    public InputDigest add(String name, String value) {
        update(name.getBytes(StandardCharsets.UTF_8));
        update(value.getBytes(StandardCharsets.UTF_8));
        inputs.put(name, value.length() <= 200 && !value.contains("\n") ? value : "sha256:" + sha256(value));
        return this;
    }

    /** Adds a file input by the SHA-256 of its bytes. */
    public InputDigest addFile(String name, Path file) throws IOException {
        return add(name, "sha256:" + sha256(file));
    }

    /** The digest of everything added, as 64 lower-case hex digits. */
    public String hex() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) sha256.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 cannot be cloned", e);
        }
    }

    /** One line per input, "name = value" (long values by their digest), in the order added. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        inputs.forEach(
                (name, value) -> out.append(name).append(" = ").append(value).append('\n'));
        return out.toString();
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest = newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String sha256(String text) {
        return HexFormat.of().formatHex(newSha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private void update(byte[] bytes) {
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
        sha256.update(bytes);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
