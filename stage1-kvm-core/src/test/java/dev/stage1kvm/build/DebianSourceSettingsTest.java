package dev.stage1kvm.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.deb.DebianSources;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DebianSourceSettingsTest {

    @Test
    void theDefaultsAreBookwormItsUpdatesAndItsSecurityArchive() {
        assertThat(DebianSourceSettings.defaults()).isEqualTo(DebianSources.bookworm());
    }

    @Test
    void aSuiteMayNameItsOwnArchiveAndAKeyringReplacesDebiansKeys(@TempDir Path dir) throws Exception {
        Path keyring = Files.writeString(dir.resolve("keys.gpg"), "keys");

        DebianSources sources = DebianSourceSettings.parse(
                " https://mirror.example/debian/ ",
                "bookworm , https://security.example/debian-security bookworm-security",
                "main, contrib",
                keyring);

        assertThat(sources.suites())
                .containsExactly(
                        new DebianSources.Suite(URI.create("https://mirror.example/debian/"), "bookworm"),
                        new DebianSources.Suite(
                                URI.create("https://security.example/debian-security"), "bookworm-security"));
        assertThat(sources.components()).containsExactly("main", "contrib");
        assertThat(sources.keyringFile()).isEqualTo(keyring);
        assertThat(sources.architecture()).isEqualTo("amd64");
    }

    @ParameterizedTest(name = "{0} ''{1}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "debianMirror|ftp://ftp.debian.org/debian|names 'ftp://ftp.debian.org/debian', which is not an http://",
                "debianMirror|deb.debian.org/debian|names 'deb.debian.org/debian', which is not an http://",
                "debianSuites|bookworm,,bookworm-updates|has an empty item; separate names with single commas",
                "debianSuites|bookworm/../etc|has 'bookworm/../etc', which is not a suite name",
                "debianSuites|http://a.example/debian bookworm extra|has 'http://a.example/debian bookworm extra':",
                "debianSuites|mirror bookworm|names 'mirror', which is not an http:// or https:// URL",
                "debianComponents|Main|has 'Main', which is not a component name",
            })
    void namesTheSettingTheValueAndTheProblem(String setting, String value, String problem) {
        String mirror = setting.equals("debianMirror") ? value : DebianSourceSettings.DEFAULT_MIRROR;
        String suites = setting.equals("debianSuites") ? value : DebianSourceSettings.DEFAULT_SUITES;
        String components = setting.equals("debianComponents") ? value : "main";

        assertThatThrownBy(() -> DebianSourceSettings.parse(mirror, suites, components, null))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class,
                        e -> assertThat(List.of(e.setting(), e.value())).containsExactly(setting, value))
                .hasMessageContaining(problem);
    }

    @Test
    void aKeyringThatIsNotThereIsNamedBeforeAnythingIsFetched(@TempDir Path dir) {
        Path missing = dir.resolve("missing.gpg");

        assertThatThrownBy(() ->
                        DebianSourceSettings.parse(DebianSourceSettings.DEFAULT_MIRROR, "bookworm", "main", missing))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("keyring '" + missing + "' does not exist or is not a file; give a keyring as gpg --export"
                        + " writes it, or none to trust Debian's archive keys");
    }
}
