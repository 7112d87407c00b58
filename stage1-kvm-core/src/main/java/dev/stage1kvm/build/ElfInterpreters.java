package dev.stage1kvm.build;

import dev.stage1kvm.elf.ElfFormatException;
import dev.stage1kvm.elf.ElfReader;
import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/** Finds the ELF interpreter ({@code PT_INTERP}) of every dynamically linked file of a staged rootfs. */
final class ElfInterpreters {

    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

    private ElfInterpreters() {}

    static Map<String, String> of(StagedTree tree) throws IOException {
        Map<String, String> interpreters = new TreeMap<>();
        for (Map.Entry<String, StagedEntry> entry : tree.entries().entrySet()) {
            if (entry.getValue() instanceof StagedEntry.RegularFile file) {
                ByteBuffer data = content(file.content());
                if (isElf(data)) {
                    readInterpreter(data, entry.getKey()).ifPresent(i -> interpreters.put(entry.getKey(), i));
                }
            }
        }
        return interpreters;
    }

    private static java.util.Optional<String> readInterpreter(ByteBuffer data, String path) {
        try {
            return ElfReader.read(data, "/" + path).interpreter();
        } catch (ElfFormatException e) {
            // A file that starts like ELF but is not one (a test fixture, a data blob) needs no interpreter.
            return java.util.Optional.empty();
        }
    }

    private static ByteBuffer content(StagedEntry.Content content) throws IOException {
        if (content instanceof StagedEntry.Bytes bytes) {
            return ByteBuffer.wrap(bytes.data());
        }
        StagedEntry.HostFile hostFile = (StagedEntry.HostFile) content;
        try (FileChannel channel = FileChannel.open(hostFile.pathOnHost(), StandardOpenOption.READ)) {
            if (channel.size() < ELF_MAGIC.length || channel.size() > Integer.MAX_VALUE) {
                return ByteBuffer.allocate(0);
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
    }

    private static boolean isElf(ByteBuffer data) {
        if (data.remaining() < ELF_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < ELF_MAGIC.length; i++) {
            if (data.get(i) != ELF_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
