package dev.stage1kvm.elf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The library folders listed by a rootfs's {@code /etc/ld.so.conf}, in the order ldconfig would put them into
 * {@code ld.so.cache}. Understands comments, {@code include <glob>} (relative patterns are taken from the including
 * file's folder, matches are read in sorted order) and several folders per line. {@code hwcap} lines are ignored.
 * Limitation: a wildcard is honoured only in the last segment of an include pattern.
 */
public final class LdSoConf {

    /** Where the loader's configuration lives inside a rootfs. */
    public static final String PATH = "etc/ld.so.conf";

    /** Nesting limit for include lines, to stop include loops. */
    private static final int MAX_INCLUDE_DEPTH = 16;

    private final RootfsResolver rootfs;
    private final Set<String> folders = new LinkedHashSet<>();

    private LdSoConf(RootfsResolver rootfs) {
        this.rootfs = rootfs;
    }

    /** The folders, as absolute guest paths; empty when the rootfs has no ld.so.conf. */
    public static List<String> folders(RootfsResolver rootfs) throws IOException {
        LdSoConf conf = new LdSoConf(rootfs);
        conf.readFile("/" + PATH, 0);
        return List.copyOf(conf.folders);
    }

    private void readFile(String guestPath, int depth) throws IOException {
        Optional<RootfsResolver.Resolution> file = rootfs.resolve(guestPath);
        if (file.isEmpty() || !Files.isRegularFile(rootfs.onHost(file.get().realPath()))) {
            return;
        }
        if (depth > MAX_INCLUDE_DEPTH) {
            throw new IOException("ld.so.conf: includes nest deeper than " + MAX_INCLUDE_DEPTH + " at " + guestPath
                    + " in rootfs " + rootfs.root() + "; remove the include loop");
        }
        List<String> lines = Files.readAllLines(rootfs.onHost(file.get().realPath()), StandardCharsets.UTF_8);
        String folder = guestPath.substring(0, guestPath.lastIndexOf('/') + 1);
        for (String line : lines) {
            readLine(line, folder, depth);
        }
    }

    private void readLine(String rawLine, String folder, int depth) throws IOException {
        int hash = rawLine.indexOf('#');
        String line = (hash >= 0 ? rawLine.substring(0, hash) : rawLine).trim();
        if (line.isEmpty() || line.startsWith("hwcap ") || line.startsWith("hwcap\t")) {
            return;
        }
        if (line.startsWith("include ") || line.startsWith("include\t")) {
            for (String pattern : line.substring("include".length()).trim().split("\\s+")) {
                String absolute = pattern.startsWith("/") ? pattern : folder + pattern;
                for (String match : expand(absolute)) {
                    readFile(match, depth + 1);
                }
            }
            return;
        }
        for (String dir : line.split("[\\s:,]+")) {
            if (!dir.isEmpty()) {
                folders.add(stripTrailingSlash(dir.contains("=") ? dir.substring(0, dir.indexOf('=')) : dir));
            }
        }
    }

    private List<String> expand(String pattern) throws IOException {
        int slash = pattern.lastIndexOf('/');
        String dir = pattern.substring(0, slash);
        String glob = pattern.substring(slash + 1);
        if (!glob.contains("*") && !glob.contains("?") && !glob.contains("[")) {
            return List.of(pattern);
        }
        Optional<RootfsResolver.Resolution> folder = rootfs.resolve(dir);
        if (folder.isEmpty() || !Files.isDirectory(rootfs.onHost(folder.get().realPath()))) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        List<String> matches = new ArrayList<>();
        try (Stream<Path> children = Files.list(rootfs.onHost(folder.get().realPath()))) {
            children.map(Path::getFileName)
                    .filter(matcher::matches)
                    .map(Path::toString)
                    .sorted()
                    .forEach(name -> matches.add(dir + "/" + name));
        }
        return matches;
    }

    private static String stripTrailingSlash(String dir) {
        return dir.length() > 1 && dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    }
}
