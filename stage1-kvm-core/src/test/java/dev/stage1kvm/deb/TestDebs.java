package dev.stage1kvm.deb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** Writes small .deb files the way dpkg-deb lays them out, for tests. */
public final class TestDebs {

    /** One data.tar entry. */
    public record Entry(String name, byte type, String linkName, byte[] content, int mode) {
        public static Entry dir(String name) {
            return new Entry(name, TarConstants.LF_DIR, "", new byte[0], 0755);
        }

        public static Entry file(String name, String content) {
            return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
        }

        public static Entry file(String name, byte[] content, int mode) {
            return new Entry(name, TarConstants.LF_NORMAL, "", content, mode);
        }

        public static Entry symlink(String name, String target) {
            return new Entry(name, TarConstants.LF_SYMLINK, target, new byte[0], 0777);
        }

        static Entry hardLink(String name, String target) {
            return new Entry(name, TarConstants.LF_LINK, target, new byte[0], 0644);
        }

        static Entry fifo(String name) {
            return new Entry(name, TarConstants.LF_FIFO, "", new byte[0], 0644);
        }
    }

    private TestDebs() {}

    /** A package with a control file and {@code data.tar.xz}. */
    public static byte[] deb(String name, String version, List<Entry> data) {
        String control = "Package: " + name + "\nVersion: " + version + "\nArchitecture: amd64\n";
        return deb(tar(List.of(Entry.file("./control", control))), "data.tar.xz", xz(tar(data)));
    }

    /**
     * A package whose {@code control.tar} and {@code data.tar} are both compressed with one format.
     *
     * @param suffix the members' suffix as dpkg-deb writes it: {@code xz}, {@code zst}, {@code gz}, {@code bz2}, or
     *     empty for none
     */
    static byte[] deb(String name, String version, List<Entry> data, String suffix) {
        String control = "Package: " + name + "\nVersion: " + version + "\nArchitecture: amd64\n";
        byte[] controlTar = tar(List.of(Entry.file("./control", control)));
        return deb(
                member("control.tar", suffix),
                compress(suffix, controlTar),
                member("data.tar", suffix),
                compress(suffix, tar(data)));
    }

    /** A member's name: {@code data.tar.zst} for {@code data.tar} and {@code zst}, {@code data.tar} for none. */
    static String member(String tar, String suffix) {
        return suffix.isEmpty() ? tar : tar + "." + suffix;
    }

    /** A package whose data member has the given name and bytes. */
    static byte[] deb(byte[] controlTar, String dataMember, byte[] dataBytes) {
        return deb("control.tar.xz", xz(controlTar), dataMember, dataBytes);
    }

    private static byte[] deb(String controlMember, byte[] controlBytes, String dataMember, byte[] dataBytes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArArchiveOutputStream ar = new ArArchiveOutputStream(bytes)) {
            member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
            member(ar, controlMember, controlBytes);
            member(ar, dataMember, dataBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] tar(List<Entry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry entry = new TarArchiveEntry(e.name(), e.type(), true);
                entry.setMode(e.mode());
                entry.setLinkName(e.linkName());
                entry.setSize(e.content().length);
                tar.putArchiveEntry(entry);
                tar.write(e.content());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] xz(byte[] data) {
        return compress("xz", data);
    }

    public static byte[] zstd(byte[] data) {
        return compress("zst", data);
    }

    /** {@code data} compressed by Commons Compress in the format a member's suffix names; empty means none. */
    static byte[] compress(String suffix, byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = compressor(suffix, bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static OutputStream compressor(String suffix, OutputStream out) throws IOException {
        return switch (suffix) {
            case "xz" -> new XZCompressorOutputStream(out);
            case "zst" -> new ZstdCompressorOutputStream(out);
            case "gz" -> new GzipCompressorOutputStream(out);
            case "bz2" -> new BZip2CompressorOutputStream(out);
            case "" -> out;
            default -> throw new IllegalArgumentException("no compressor for ." + suffix);
        };
    }

    /** A file of {@code size} bytes that does not compress to nothing. */
    static byte[] bulk(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + i / 7);
        }
        return data;
    }

    static List<Entry> usrTree(String name) {
        List<Entry> entries = new ArrayList<>();
        entries.add(Entry.dir("./"));
        entries.add(Entry.dir("./usr/"));
        entries.add(Entry.dir("./usr/bin/"));
        entries.add(Entry.file("./usr/bin/" + name, "#!/bin/sh\necho " + name + "\n"));
        return entries;
    }

    private static void member(ArArchiveOutputStream ar, String name, byte[] content) throws IOException {
        ar.putArchiveEntry(new ArArchiveEntry(name, content.length));
        ar.write(content);
        ar.closeArchiveEntry();
    }
}
