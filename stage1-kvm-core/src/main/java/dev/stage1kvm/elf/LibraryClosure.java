package dev.stage1kvm.elf;

import dev.stage1kvm.progress.BuildListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Finds every shared library (and the loader) that binaries of a staged rootfs folder need, searching the way
 * glibc's {@code ld.so} does, with every path looked up inside the rootfs. For each {@code DT_NEEDED} name of an
 * object: the {@code DT_RPATH} of the object and of each object that loaded it up to the binary (only when the object
 * has no {@code DT_RUNPATH}; an object with a RUNPATH has its RPATH ignored), then the object's {@code DT_RUNPATH},
 * then the folders of {@code /etc/ld.so.conf} (what {@code ld.so.cache} would hold), then the system folders.
 * {@code $ORIGIN}, {@code $LIB} and {@code $PLATFORM} are expanded. A candidate of another ELF class or machine is
 * passed over, as the loader does. {@code LD_LIBRARY_PATH} and {@code glibc-hwcaps} subfolders play no part.
 */
public final class LibraryClosure {

    private final RootfsResolver rootfs;
    private final LoaderDefaults defaults;
    private final BuildListener listener;

    public LibraryClosure(Path rootfsFolder, LoaderDefaults defaults, BuildListener listener) {
        this.rootfs = new RootfsResolver(rootfsFolder);
        this.defaults = defaults;
        this.listener = listener;
    }

    /**
     * Computes the libraries each binary needs.
     *
     * @param binaries rootfs paths of executables or libraries, for example {@code /usr/lib/systemd/systemd}; files
     *     that are not ELF (scripts) are let through with no libraries
     * @throws MissingLibraryException naming the binary and the library when one cannot be found
     * @throws NoSuchFileException when a binary itself is not in the rootfs
     */
    public Result close(Collection<String> binaries) throws IOException {
        List<String> cacheFolders = LdSoConf.folders(rootfs);
        listener.debug("ld.so.conf folders in " + rootfs.root() + ": " + cacheFolders);
        Map<String, List<Library>> byBinary = new LinkedHashMap<>();
        SortedSet<String> paths = new TreeSet<>();
        for (String binary : binaries) {
            List<Library> libraries = new Walk(binary, cacheFolders).run();
            byBinary.put(binary, libraries);
            for (Library library : libraries) {
                paths.addAll(library.symlinks());
                paths.add(library.realPath());
            }
        }
        return new Result(byBinary, paths);
    }

    /** The closure of one binary: a breadth-first walk over DT_NEEDED, like the loader's own. */
    private final class Walk {
        private final String binary;
        private final List<String> cacheFolders;
        private final Map<String, Loaded> byRealPath = new HashMap<>();
        private final Map<String, Loaded> byName = new HashMap<>();
        private final List<Library> libraries = new ArrayList<>();
        private Loaded main;

        Walk(String binary, List<String> cacheFolders) {
            this.binary = binary;
            this.cacheFolders = cacheFolders;
        }

        List<Library> run() throws IOException {
            RootfsResolver.Resolution resolution = rootfs.resolve(binary)
                    .filter(r -> Files.isRegularFile(rootfs.onHost(r.realPath())))
                    .orElseThrow(() -> new NoSuchFileException(
                            binary, null, "no such binary in rootfs " + rootfs.root() + "; check the file list"));
            if (!ElfReader.hasElfMagic(rootfs.onHost(resolution.realPath()))) {
                listener.debug(binary + ": not an ELF file (a script?), needs no libraries");
                return List.of();
            }
            ElfFile elf = ElfReader.read(rootfs.onHost(resolution.realPath()));
            main = new Loaded(resolution.realPath(), elf, null, parent(resolution.realPath()));
            byRealPath.put(main.realPath(), main);
            if (elf.interpreter().isPresent()) {
                addInterpreter(elf.interpreter().get());
            }
            Deque<Loaded> queue = new ArrayDeque<>(List.of(main));
            while (!queue.isEmpty()) {
                Loaded object = queue.pollFirst();
                for (String name : object.elf().needed()) {
                    load(name, object).ifPresent(queue::addLast);
                }
            }
            return List.copyOf(libraries);
        }

        private void addInterpreter(String path) throws IOException {
            Optional<RootfsResolver.Resolution> found = usable(path);
            if (found.isEmpty()) {
                throw new MissingLibraryException(rootfs.root(), binary, path, binary, List.of());
            }
            RootfsResolver.Resolution r = found.get();
            ElfFile elf = ElfReader.read(rootfs.onHost(r.realPath()));
            Loaded loader = new Loaded(r.realPath(), elf, main, parent(path));
            byRealPath.put(r.realPath(), loader);
            byName.put(path, loader);
            elf.soname().ifPresent(soname -> byName.putIfAbsent(soname, loader));
            libraries.add(new Library(path, path, r.realPath(), r.symlinks(), binary));
            listener.debug(binary + ": loader " + path + " -> " + r.realPath());
        }

        /** Returns the newly loaded object, or empty when the name was already satisfied. */
        private Optional<Loaded> load(String name, Loaded requester) throws IOException {
            if (byName.containsKey(name)) {
                return Optional.empty();
            }
            List<String> folders = searchFolders(name, requester);
            for (String candidate : candidates(name, requester, folders)) {
                Optional<RootfsResolver.Resolution> found = usable(candidate);
                if (found.isPresent()) {
                    return record(name, candidate, found.get(), requester);
                }
            }
            throw new MissingLibraryException(rootfs.root(), binary, name, requester.realPath(), folders);
        }

        private Optional<Loaded> record(String name, String foundAt, RootfsResolver.Resolution found, Loaded requester)
                throws IOException {
            Loaded existing = byRealPath.get(found.realPath());
            if (existing != null) {
                byName.put(name, existing);
                return Optional.empty();
            }
            ElfFile elf = ElfReader.read(rootfs.onHost(found.realPath()));
            Loaded loaded = new Loaded(found.realPath(), elf, requester, parent(foundAt));
            byRealPath.put(found.realPath(), loaded);
            byName.put(name, loaded);
            elf.soname().ifPresent(soname -> byName.putIfAbsent(soname, loaded));
            libraries.add(new Library(name, foundAt, found.realPath(), found.symlinks(), requester.realPath()));
            listener.debug(binary + ": " + name + " -> " + foundAt + " (" + found.realPath() + ")");
            return Optional.of(loaded);
        }

        private List<String> searchFolders(String name, Loaded requester) {
            if (name.contains("/")) {
                return List.of();
            }
            List<String> folders = new ArrayList<>();
            if (requester.elf().runpath().isEmpty()) {
                for (Loaded l = requester; l != null; l = l.loader()) {
                    addPathList(folders, l.elf().rpath(), l);
                }
            }
            addPathList(folders, requester.elf().runpath(), requester);
            folders.addAll(cacheFolders);
            folders.addAll(defaults.systemFolders());
            return folders.stream().distinct().toList();
        }

        private List<String> candidates(String name, Loaded requester, List<String> folders) {
            if (name.contains("/")) {
                return List.of(expand(name, requester));
            }
            return folders.stream().map(folder -> folder + "/" + name).toList();
        }

        private void addPathList(List<String> folders, Optional<String> pathList, Loaded owner) {
            if (pathList.isEmpty()) {
                return;
            }
            for (String entry : pathList.get().split(":")) {
                if (!entry.isEmpty()) {
                    folders.add(expand(entry, owner));
                }
            }
        }

        private String expand(String entry, Loaded owner) {
            String origin = owner.originFolder().isEmpty() ? "" : "/" + owner.originFolder();
            return entry.replace("${ORIGIN}", origin)
                    .replace("$ORIGIN", origin)
                    .replace("${LIB}", defaults.lib())
                    .replace("$LIB", defaults.lib())
                    .replace("${PLATFORM}", defaults.platform())
                    .replace("$PLATFORM", defaults.platform());
        }

        /** A candidate the loader would take: a regular ELF file of the binary's class and machine. */
        private Optional<RootfsResolver.Resolution> usable(String candidate) throws IOException {
            Optional<RootfsResolver.Resolution> found = rootfs.resolve(candidate);
            if (found.isEmpty()) {
                return found;
            }
            Path onHost = rootfs.onHost(found.get().realPath());
            if (!Files.isRegularFile(onHost) || !ElfReader.hasElfMagic(onHost)) {
                return Optional.empty();
            }
            ElfFile elf = ElfReader.read(onHost);
            if (main != null && !elf.isCompatibleWith(main.elf())) {
                listener.debug(
                        binary + ": skipping " + candidate + ", it is " + elf.elfClass() + "-bit " + elf.machineName());
                return Optional.empty();
            }
            return found;
        }
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** An object in one binary's load order. {@code originFolder} is rootfs-relative, without a leading slash. */
    private record Loaded(String realPath, ElfFile elf, Loaded loader, String originFolder) {}

    /**
     * One library a binary needs.
     *
     * @param name the DT_NEEDED name (or the PT_INTERP path for the loader)
     * @param foundAt the absolute guest path the loader opens
     * @param realPath the file it ends at, rootfs-relative, every symlink resolved
     * @param symlinks the symlinks passed on the way, rootfs-relative; they must be kept for the path to work
     * @param neededBy the rootfs-relative path of the object that asked for it
     */
    public record Library(String name, String foundAt, String realPath, List<String> symlinks, String neededBy) {
        public Library {
            symlinks = List.copyOf(symlinks);
        }
    }

    /**
     * The closure of several binaries.
     *
     * @param librariesByBinary each binary's libraries in load order, the loader first
     * @param pathsToKeep every rootfs-relative path (files and symlinks) the libraries need, sorted
     */
    public record Result(Map<String, List<Library>> librariesByBinary, SortedSet<String> pathsToKeep) {}
}
