package dev.stage1kvm.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelationTest {

    @Test
    void parsesNameQualifierOperatorAndVersion() {
        Relation r = Relation.parse(" python3:any (>= 3.11~) ", "Depends");

        assertThat(r.name()).isEqualTo("python3");
        assertThat(r.archQualifier()).isEqualTo("any");
        assertThat(r.operator()).isEqualTo(Relation.Operator.LATER_OR_EQUAL);
        assertThat(r.version()).isEqualTo(DebVersion.parse("3.11~"));
        assertThat(r).hasToString("python3:any (>= 3.11~)");
    }

    @Test
    void parsesGroupsOfAlternatives() {
        List<List<Relation>> groups =
                Relation.parseField("libc6 (>= 2.34), default-mta | mail-transport-agent,\n libzstd1", "Depends");

        assertThat(groups).hasSize(3);
        assertThat(groups.get(1)).extracting(Relation::name).containsExactly("default-mta", "mail-transport-agent");
        assertThat(groups.get(2).get(0).operator()).isNull();
    }

    @Test
    void ignoresArchitectureAndProfileRestrictions() {
        Relation r = Relation.parse("libseccomp-dev (>= 2.3) [amd64 arm64] <!nocheck>", "Build-Depends");

        assertThat(r.name()).isEqualTo("libseccomp-dev");
        assertThat(r.version()).hasToString("2.3");
    }

    @ParameterizedTest(name = "{1} {2} {3} -> {0}")
    @CsvSource({
        "true, 1.0, <<, 1.1",
        "false, 1.1, <<, 1.1",
        "true, 1.1, <=, 1.1",
        "false, 1.2, <=, 1.1",
        "true, 1:1.0, =, 1:1.0",
        "false, 1.0, =, 1:1.0",
        "true, 1.1, >=, 1.1",
        "false, 1.0~rc1, >=, 1.0",
        "true, 1.0+b1, >>, 1.0",
        "false, 1.0, >>, 1.0",
        "true, 1.0, <, 1.0",
        "true, 1.0, >, 1.0"
    })
    void testsVersionsWithEachOperator(boolean expected, String candidate, String op, String wanted) {
        Relation r = Relation.parse("p (" + op + " " + wanted + ")", "Depends");

        assertThat(r.acceptsVersion(DebVersion.parse(candidate))).isEqualTo(expected);
    }

    @Test
    void anUnversionedRelationAcceptsAnythingAndAVersionedOneRejectsAnUnversionedProvide() {
        assertThat(Relation.parse("p", "x").acceptsVersion(null)).isTrue();
        assertThat(Relation.parse("p (>= 1)", "x").acceptsVersion(null)).isFalse();
    }

    @Test
    void rejectsGarbageNamingTheField() {
        assertThatThrownBy(() -> Relation.parseField("libc6 (>= )", "Packages line 7 Depends"))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining("Packages line 7 Depends")
                .hasMessageContaining("libc6 (>= )");
    }
}
