package dev.stage1kvm.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DebVersionTest {

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
        "1.0, 1.1",
        "1.0, 1.0.1",
        "1.0~rc1, 1.0",
        "1.0~~, 1.0~",
        "1.0~, 1.0",
        "1.0~rc1, 1.0~rc2",
        "1.0, 1.0+b1",
        "1.0, 1.0a",
        "1.0a, 1.0.",
        "1.0+dfsg, 1.0.1",
        "9, 10",
        "1.9, 1.10",
        "1.2.3, 1.2.10",
        "0:9.9, 1:0.1",
        "2:1.0, 10:0.1",
        "1.0-1, 1.0-2",
        "1.0-9, 1.0-10",
        "1.0-1, 1.0-1.1",
        "1.0-1~bpo1, 1.0-1",
        "1.0-1, 1.0-1+deb12u1",
        "1.0-1+deb12u1, 1.0-1+deb12u2",
        "252.30-1~deb12u2, 252.31-1~deb12u1",
        "7.2+dfsg-7+deb12u6, 7.2+dfsg-7+deb12u7",
        "2.36-9+deb12u9, 2.36-9+deb12u10",
        "1.0-1, 1.0a-1",
        "a, b",
        "1.0-a, 1.0-b",
        "1:1.0-1, 1:1.0-1.0.1",
        "99999999999999999999, 100000000000000000000"
    })
    void ordersVersionsAsDpkgDoes(String lower, String higher) {
        DebVersion low = DebVersion.parse(lower);
        DebVersion high = DebVersion.parse(higher);

        assertThat(low).isLessThan(high);
        assertThat(high).isGreaterThan(low);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"1.0, 0:1.0", "1.0-0, 1.0", "1.00, 1.0", "1.01, 1.1", "0:1.0-1, 1.0-1", "007, 7"})
    void treatsEquivalentSpellingsAsEqual(String a, String b) {
        DebVersion left = DebVersion.parse(a);
        DebVersion right = DebVersion.parse(b);

        assertThat(left).isEqualByComparingTo(right);
        assertThat(left).isEqualTo(right);
        assertThat(left.hashCode()).isEqualTo(right.hashCode());
    }

    @Test
    void splitsEpochUpstreamAndRevisionAtTheFirstColonAndLastDash() {
        DebVersion v = DebVersion.parse("2:1.2-3-4");

        assertThat(v.epoch()).isEqualTo(2);
        assertThat(v.upstream()).isEqualTo("1.2-3");
        assertThat(v.revision()).isEqualTo("4");
        assertThat(v).hasToString("2:1.2-3-4");
    }

    @Test
    void sortsAListTheWayApiDocumentsIt() {
        List<DebVersion> versions = new ArrayList<>();
        for (String s : List.of("1.0", "1.0~beta", "1:0.5", "1.0-1", "1.0+b1", "0.9")) {
            versions.add(DebVersion.parse(s));
        }

        Collections.sort(versions);

        assertThat(versions)
                .extracting(DebVersion::toString)
                .containsExactly("0.9", "1.0~beta", "1.0", "1.0-1", "1.0+b1", "1:0.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a:1.0", "1.0-", "1.0-r_1", "1 0", ":1.0"})
    void rejectsMalformedVersions(String text) {
        assertThatThrownBy(() -> DebVersion.parse(text))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining("[epoch:]upstream[-revision]");
    }
}
