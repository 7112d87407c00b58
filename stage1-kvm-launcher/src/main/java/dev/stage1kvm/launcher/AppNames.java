package dev.stage1kvm.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names apps after their image files: {@code ./build/web-1.2.aci} runs as {@code web-1.2}. A name must suit a unit
 * name and a folder, so it is cut down to lowercase letters, digits and single {@code - . _}; a second app of the
 * same name gets {@code -2}, and so on.
 */
final class AppNames {

    private static final String[] IMAGE_SUFFIXES = {".tar.gz", ".tgz", ".tar", ".aci", ".oci"};

    private AppNames() {}

    static List<String> of(List<Path> images) {
        Set<String> taken = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (Path image : images) {
            String base = baseName(image);
            String name = base;
            for (int n = 2; !taken.add(name); n++) {
                name = base + "-" + n;
            }
            names.add(name);
        }
        return names;
    }

    static String baseName(Path image) {
        Path fileName = image.toAbsolutePath().normalize().getFileName();
        String name = fileName == null ? "app" : fileName.toString().toLowerCase(Locale.ROOT);
        for (String suffix : IMAGE_SUFFIXES) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                name = name.substring(0, name.length() - suffix.length());
                break;
            }
        }
        name = name.replaceAll("[^a-z0-9._-]+", "-").replaceAll("([-._])[-._]+", "$1");
        name = name.replaceAll("^[-._]+|[-._]+$", "");
        return name.isEmpty() ? "app" : name;
    }
}
