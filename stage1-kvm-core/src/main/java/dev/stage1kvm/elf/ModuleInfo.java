package dev.stage1kvm.elf;

import static dev.stage1kvm.elf.ElfConstants.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a Linux kernel module ({@code .ko}, an ELF relocatable object) says about itself in its {@code .modinfo}
 * section: NUL-terminated {@code key=value} strings (the kernel's include/linux/moduleparam.h, {@code MODULE_INFO}),
 * to which the build's modpost adds {@code name=}, {@code depends=} and {@code vermagic=} (scripts/mod/modpost.c).
 *
 * @param source the file or archive member the module was read from, for messages
 * @param name the module's name, e.g. {@code virtio_rng} for {@code virtio-rng.ko}
 * @param depends the modules whose symbols this one uses, which must be loaded first, as modpost listed them
 * @param vermagic the kernel release and build options the module was built for, e.g. {@code 6.1.0-57-amd64 SMP ...}
 */
public record ModuleInfo(String source, String name, List<String> depends, String vermagic) {

    /** The section modpost and {@code MODULE_INFO} write into. */
    public static final String SECTION = ".modinfo";

    public ModuleInfo {
        Objects.requireNonNull(source, "source");
        depends = List.copyOf(depends);
    }

    /**
     * Reads the {@code .modinfo} section of a kernel module held in memory (an uncompressed {@code .ko}).
     *
     * @param source names the file or archive member in error messages
     * @throws ElfFormatException when the data is not an ELF relocatable object with a {@code .modinfo} section that
     *     holds {@code name=} and {@code vermagic=}
     */
    public static ModuleInfo read(ByteBuffer data, String source) throws ElfFormatException {
        ElfReader reader = ElfReader.open(data, source);
        int type = reader.u16(E_TYPE);
        if (type != ET_REL) {
            throw new ElfFormatException(source, E_TYPE, "e_type ET_REL (1), a kernel module", "" + type);
        }
        SectionHeaders.Section section = SectionHeaders.find(reader, SECTION)
                .orElseThrow(() -> new ElfFormatException(source, 0, "a " + SECTION + " section", "none"));
        if (section.type() == SHT_NOBITS) {
            throw new ElfFormatException(source, section.offset(), SECTION + " with bytes in the file", "SHT_NOBITS");
        }
        reader.require(section.offset(), section.sizeBytes(), "the " + SECTION + " section");
        byte[] bytes = new byte[(int) section.sizeBytes()];
        data.get((int) section.offset(), bytes);
        Map<String, String> fields = fields(bytes, section.offset(), source);
        return new ModuleInfo(
                source,
                required(fields, "name", section, source),
                depends(fields.getOrDefault("depends", "")),
                required(fields, "vermagic", section, source));
    }

    /** The kernel release the module was built for: the first word of {@link #vermagic()}. */
    public String release() {
        return vermagic.split(" ", 2)[0];
    }

    /** The first value of each key; strings are NUL-terminated, and runs of NULs are alignment padding. */
    private static Map<String, String> fields(byte[] bytes, long sectionOffset, String source)
            throws ElfFormatException {
        Map<String, String> fields = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i < bytes.length && bytes[i] != 0) {
                continue;
            }
            String entry = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            int equals = entry.indexOf('=');
            if (!entry.isEmpty() && equals <= 0) {
                throw new ElfFormatException(source, sectionOffset + start, "a key=value string", "'" + entry + "'");
            }
            if (!entry.isEmpty()) {
                fields.putIfAbsent(entry.substring(0, equals), entry.substring(equals + 1));
            }
            start = i + 1;
        }
        return fields;
    }

    private static String required(
            Map<String, String> fields, String key, SectionHeaders.Section section, String source)
            throws ElfFormatException {
        String value = fields.get(key);
        if (value == null || value.isEmpty()) {
            throw new ElfFormatException(source, section.offset(), "a " + key + "= entry in " + SECTION, "none");
        }
        return value;
    }

    private static List<String> depends(String value) {
        return Arrays.stream(value.split(",")).filter(name -> !name.isEmpty()).toList();
    }
}
