package dev.stage1kvm.aci;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Independent readers for the tests: the system's decompressors and tar, and commons-compress's tar reader. */
final class ArchiveTools {

    private ArchiveTools() {}

    /** The uncompressed tar, as the system's own tool gives it. */
    static byte[] decompress(Path aci, Compression compression) throws IOException, InterruptedException {
        switch (compression) {
            case GZIP:
                return run("gzip", "-dc", aci.toString());
            case XZ:
                return run("xz", "-dc", aci.toString());
            case BZIP2:
                return run("bzip2", "-dc", aci.toString());
            default:
                return run("cat", aci.toString());
        }
    }

    static String tarListing(Path aci) throws IOException, InterruptedException {
        return new String(run("tar", "--utc", "-tvf", aci.toString()), StandardCharsets.UTF_8);
    }

    static List<TarArchiveEntry> entries(byte[] tar) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    static String sha512Id(byte[] data) throws Exception {
        return "sha512-"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(data));
    }

    static byte[] run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        int status = process.waitFor();
        if (status != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + status);
        }
        return output;
    }
}
