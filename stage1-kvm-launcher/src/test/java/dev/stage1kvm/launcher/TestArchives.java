package dev.stage1kvm.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Small tars for the launcher's tests, written entry by entry with names taken as given. */
final class TestArchives {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, "UTF-8");

    TestArchives() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    TestArchives dir(String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_DIR, true);
        entry.setMode(0755);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
        return this;
    }

    TestArchives file(String name, String text) throws IOException {
        return file(name, text.getBytes(StandardCharsets.UTF_8), 0644);
    }

    TestArchives executable(String name, String text) throws IOException {
        return file(name, text.getBytes(StandardCharsets.UTF_8), 0755);
    }

    TestArchives file(String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        entry.setMode(mode);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
        return this;
    }

    byte[] tarBytes() throws IOException {
        tar.close();
        return bytes.toByteArray();
    }

    Path writeGzip(Path file) throws IOException {
        byte[] plain = tarBytes();
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(plain);
        }
        return file;
    }
}
