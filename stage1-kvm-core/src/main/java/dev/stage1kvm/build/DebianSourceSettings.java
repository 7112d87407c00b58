package dev.stage1kvm.build;

import dev.stage1kvm.deb.DebianSources;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Debian archives of a build as a user writes them: a mirror, a comma-separated list of suites (each optionally
 * preceded by the archive it lives in, as in a sources.list line), components, and a keyring file that replaces
 * Debian's shipped archive keys.
 */
public final class DebianSourceSettings {

    /** Debian's mirror network; it redirects to a nearby mirror. */
    public static final String DEFAULT_MIRROR = "http://deb.debian.org/debian";

    /**
     * Debian 12 with its point-release and security updates. Security updates live in an archive of their own, which
     * ordinary mirrors do not carry, so that suite names its archive.
     */
    public static final String DEFAULT_SUITES =
            "bookworm,bookworm-updates,http://deb.debian.org/debian-security bookworm-security";

    public static final String DEFAULT_COMPONENTS = "main";

    /** The one architecture the userland is built for (its loader and library paths are amd64's). */
    public static final String ARCHITECTURE = "amd64";

    private static final Pattern SUITE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+/-]*");
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private DebianSourceSettings() {}

    /**
     * @param keyring a keyring file (binary or ASCII-armoured) replacing Debian's shipped keys, or {@code null}
     * @throws InvalidSpecException naming the setting, its value and the problem
     */
    public static DebianSources parse(String mirror, String suites, String components, Path keyring) {
        URI archive = archive("debianMirror", mirror, mirror.strip());
        List<DebianSources.Suite> suiteList = new ArrayList<>();
        for (String item : items("debianSuites", suites)) {
            String[] words = item.split("\\s+");
            if (words.length > 2) {
                throw new InvalidSpecException(
                        "debianSuites",
                        suites,
                        "has '" + item + "': expected a suite name," + " or an archive URL and a suite name");
            }
            String name = words[words.length - 1];
            if (!SUITE.matcher(name).matches() || name.contains("..")) {
                throw new InvalidSpecException("debianSuites", suites, "has '" + name + "', which is not a suite name");
            }
            URI suiteArchive = words.length == 2 ? archive("debianSuites", suites, words[0]) : archive;
            suiteList.add(new DebianSources.Suite(suiteArchive, name));
        }
        List<String> componentList = items("debianComponents", components);
        for (String component : componentList) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new InvalidSpecException(
                        "debianComponents", components, "has '" + component + "', which is not a component name");
            }
        }
        if (keyring != null && !Files.isRegularFile(keyring)) {
            throw new InvalidSpecException(
                    "keyring",
                    keyring.toString(),
                    "does not exist or is not a file; give a"
                            + " keyring as gpg --export writes it, or none to trust Debian's archive keys");
        }
        return new DebianSources(suiteList, componentList, ARCHITECTURE, keyring, true);
    }

    /** The defaults: bookworm, bookworm-updates and bookworm-security, component main, Debian's keys. */
    public static DebianSources defaults() {
        return parse(DEFAULT_MIRROR, DEFAULT_SUITES, DEFAULT_COMPONENTS, null);
    }

    private static List<String> items(String setting, String list) {
        List<String> items = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            if (item.isBlank()) {
                throw new InvalidSpecException(setting, list, "has an empty item; separate names with single commas");
            }
            items.add(item.strip());
        }
        return items;
    }

    private static URI archive(String setting, String value, String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                throw new InvalidSpecException(
                        setting,
                        value,
                        "names '" + text + "', which is not an http:// or"
                                + " https:// URL of a Debian archive (the folder holding dists/ and pool/)");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidSpecException(
                    setting, value, "names '" + text + "', which is not a URL: " + e.getReason());
        }
    }
}
