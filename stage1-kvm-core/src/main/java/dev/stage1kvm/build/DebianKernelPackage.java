package dev.stage1kvm.build;

import dev.stage1kvm.deb.DebArchive;
import dev.stage1kvm.elf.ElfFormatException;
import dev.stage1kvm.elf.ModuleInfo;
import dev.stage1kvm.kernel.ModuleDependencyException;
import dev.stage1kvm.kernel.ModuleOrder;
import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.InvalidInputException;
import dev.stage1kvm.zstd.ZstdStreams;
import dev.stage1kvm.zstd.ZstdUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * What the initramfs path takes from a Debian kernel image package ({@code linux-image-<abi>-<flavour>}): the
 * compressed kernel {@code /boot/vmlinuz-*}, and the modules an initramfs must load, in load order. Every module's
 * {@code .modinfo} is read while the package streams past (the package ships no {@code modules.dep}: depmod runs at
 * install time); only the bytes of the modules needed are kept, so one pass over the package normally suffices.
 */
final class DebianKernelPackage {

    /** A module to load and its bytes, uncompressed. */
    record Module(ModuleInfo info, byte[] content) {}

    /** Where modules live: {@code lib/modules/<release>/...}, or under {@code usr/} in later Debian releases. */
    private static final Pattern MODULE_TREE = Pattern.compile("(?:usr/)?lib/modules/([^/]+)/(.+)");

    private static final Pattern MODULE_FILE = Pattern.compile("(?:.*/)?([^/]+)\\.ko(\\.xz|\\.gz|\\.zst)?");
    private static final Pattern VMLINUZ = Pattern.compile("boot/vmlinuz-.+");
    private static final String BUILT_IN_LIST = "modules.builtin";

    private final Path deb;
    private final String packageName;
    private final String inputName;
    private final BuildListener listener;
    private final Map<String, ModuleInfo> infoByName = new LinkedHashMap<>();
    private final Map<String, byte[]> kept = new HashMap<>();
    private final Set<String> builtIn = new HashSet<>();
    private final Set<String> modulesReleases = new HashSet<>();
    private Set<String> wanted;
    private byte[] vmlinuz;
    /** The first pass reads everything; a second one only picks up modules it passed over. */
    private boolean firstPass = true;

    /** @param inputName names the build input in errors, as the user configured it */
    DebianKernelPackage(Path deb, String packageName, String inputName, BuildListener listener) {
        this.deb = deb;
        this.packageName = packageName;
        this.inputName = inputName;
        this.listener = listener;
    }

    /** The compressed kernel; valid after {@link #modules}. */
    byte[] vmlinuz() {
        return vmlinuz;
    }

    /** The release the modules were built for, from the name of their folder; valid after {@link #modules}. */
    String modulesRelease() {
        return modulesReleases.iterator().next();
    }

    /**
     * Reads the package and returns the modules to load for {@code wantedModules}, dependencies first.
     *
     * @throws InvalidInputException when the package lacks a kernel or modules, or a module is damaged, missing or
     *     part of a dependency cycle
     */
    List<Module> modules(List<String> wantedModules) throws IOException {
        wanted =
                new HashSet<>(wantedModules.stream().map(ModuleOrder::canonical).toList());
        new DebArchive(deb).readFiles(this::file);
        requireKernelAndModules();
        ModuleOrder.Result order = order(wantedModules);
        order.builtIn()
                .forEach(name -> listener.info("Kernel module " + name + " is built into the kernel of " + packageName
                        + ": not loaded by the initramfs"));
        List<String> missing = order.loadOrder().stream()
                .filter(name -> !kept.containsKey(name))
                .toList();
        if (!missing.isEmpty()) {
            listener.debug("Reading " + packageName + " again for modules met before their users: " + missing);
            wanted.addAll(missing);
            firstPass = false;
            new DebArchive(deb).readFiles(this::file);
        }
        List<Module> modules = new ArrayList<>();
        order.loadOrder().forEach(name -> modules.add(new Module(infoByName.get(name), kept.get(name))));
        return modules;
    }

    private void file(String path, long sizeBytes, InputStream content) throws IOException {
        if (firstPass && VMLINUZ.matcher(path).matches()) {
            if (vmlinuz != null) {
                throw problem("holds more than one /boot/vmlinuz-*; name a package of one kernel");
            }
            vmlinuz = content.readAllBytes();
            return;
        }
        Matcher tree = MODULE_TREE.matcher(path);
        if (!tree.matches()) {
            return;
        }
        modulesReleases.add(tree.group(1));
        Matcher module = MODULE_FILE.matcher(tree.group(2));
        if (firstPass && tree.group(2).equals(BUILT_IN_LIST)) {
            builtIn(content);
        } else if (module.matches()) {
            module(path, module.group(2), content);
        }
    }

    private void module(String path, String compression, InputStream content) throws IOException {
        byte[] bytes = uncompressed(path, compression, content);
        String source = deb.getFileName() + " " + path;
        ModuleInfo info;
        try {
            info = ModuleInfo.read(ByteBuffer.wrap(bytes), source);
        } catch (ElfFormatException e) {
            throw new InvalidInputException(inputName, "kernel module " + e.getMessage(), e);
        }
        String name = ModuleOrder.canonical(info.name());
        if (firstPass && infoByName.putIfAbsent(name, info) != null) {
            throw problem("holds two modules named " + name + ": "
                    + infoByName.get(name).source() + " and /" + path);
        }
        if (wanted.contains(name) && !kept.containsKey(name)) {
            kept.put(name, bytes);
            info.depends().forEach(dependency -> wanted.add(ModuleOrder.canonical(dependency)));
        }
    }

    /** A module that does not decompress means a damaged package; a zstd library that does not load does not. */
    private byte[] uncompressed(String path, String compression, InputStream content) throws IOException {
        try {
            return compression == null ? content.readAllBytes() : decompressed(path, compression, content);
        } catch (ZstdUnavailableException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidInputException(
                    inputName,
                    "Debian package " + packageName + " (" + deb + ") holds the module /" + path + ", which cannot"
                            + " be read (" + e.getMessage() + "); the package is damaged: delete it to have it"
                            + " fetched again",
                    e);
        }
    }

    private byte[] decompressed(String path, String compression, InputStream content) throws IOException {
        switch (compression) {
            case ".xz":
                return new XZInputStream(content).readAllBytes();
            case ".gz":
                return new GZIPInputStream(content).readAllBytes();
            case ".zst":
                return unzstd(path, content);
            default:
                throw new IllegalStateException("MODULE_FILE matched an unknown compression " + compression);
        }
    }

    /** Closed at once: zstd's decoder holds native memory. Closing it leaves the package's stream open. */
    private byte[] unzstd(String path, InputStream content) throws IOException {
        try (InputStream module = ZstdStreams.decompressing(content, deb.getFileName() + " " + path)) {
            return module.readAllBytes();
        }
    }

    /** {@code modules.builtin} lists the built-in modules' would-be paths, one per line. */
    private void builtIn(InputStream content) throws IOException {
        String text = new String(content.readAllBytes(), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            Matcher module = MODULE_FILE.matcher(line.strip());
            if (module.matches()) {
                builtIn.add(ModuleOrder.canonical(module.group(1)));
            }
        }
    }

    private void requireKernelAndModules() {
        if (vmlinuz == null) {
            throw problem("holds no /boot/vmlinuz-*; name a kernel image package such as linux-image-amd64");
        }
        if (modulesReleases.size() != 1) {
            throw problem("holds the modules of " + modulesReleases.size() + " kernel releases " + modulesReleases
                    + " under /lib/modules; one was expected");
        }
        String release = modulesRelease();
        List<String> foreign = infoByName.values().stream()
                .filter(info -> !info.release().equals(release))
                .map(info -> info.name() + " (" + info.release() + ")")
                .toList();
        if (!foreign.isEmpty()) {
            throw problem("holds modules built for another kernel than " + release + ": " + foreign);
        }
    }

    private ModuleOrder.Result order(List<String> wantedModules) {
        Map<String, List<String>> dependsByName = new LinkedHashMap<>();
        infoByName.forEach((name, info) -> dependsByName.put(name, info.depends()));
        try {
            return new ModuleOrder(dependsByName, builtIn).order(wantedModules);
        } catch (ModuleDependencyException e) {
            throw new InvalidInputException(inputName, packageName + " " + modulesRelease() + ": " + e.getMessage(), e);
        }
    }

    private InvalidInputException problem(String problem) {
        return new InvalidInputException(inputName, "Debian package " + packageName + " (" + deb + ") " + problem);
    }
}
