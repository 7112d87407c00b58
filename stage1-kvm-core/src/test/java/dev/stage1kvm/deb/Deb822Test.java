package dev.stage1kvm.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class Deb822Test {

    @Test
    void splitsParagraphsOnBlankLinesAndKeepsFieldOrder() {
        List<Deb822.Paragraph> paragraphs =
                Deb822.parse("Package: a\nVersion: 1\n\n\nPackage: b\nVersion: 2\n", "test");

        assertThat(paragraphs).hasSize(2);
        assertThat(paragraphs.get(0).fieldNames()).containsExactly("Package", "Version");
        assertThat(paragraphs.get(1).get("Package")).isEqualTo("b");
        assertThat(paragraphs.get(1).firstLine()).isEqualTo(5);
    }

    @Test
    void looksUpFieldsWithoutRegardToCase() {
        Deb822.Paragraph p = Deb822.parse("Pre-Depends: libc6\n", "test").get(0);

        assertThat(p.get("pre-depends")).isEqualTo("libc6");
        assertThat(p.get("PRE-DEPENDS")).isEqualTo("libc6");
        assertThat(p.get("Depends")).isNull();
        assertThat(p.get("Depends", "none")).isEqualTo("none");
    }

    @Test
    void joinsContinuationLinesAndReadsALoneDotAsAnEmptyLine() {
        String text = "Description: short\n long line one\n .\n\tline two\nSHA256:\n abc 1 main/x\n def 2 main/y\n";

        Deb822.Paragraph p = Deb822.parse(text, "test").get(0);

        assertThat(p.get("Description")).isEqualTo("short\nlong line one\n\nline two");
        assertThat(p.get("SHA256").strip().lines()).containsExactly("abc 1 main/x", "def 2 main/y");
    }

    @Test
    void treatsWhitespaceOnlyLinesAsSeparatorsAndSkipsComments() {
        List<Deb822.Paragraph> paragraphs = Deb822.parse("# note\nA: 1\n  \t\nB: 2", "test");

        assertThat(paragraphs).extracting(p -> p.fieldNames().get(0)).containsExactly("A", "B");
    }

    @Test
    void stripsSpacesAroundTheFirstLineOfAValueOnly() {
        Deb822.Paragraph p = Deb822.parse("Url:   http://x:80/a  \n", "test").get(0);

        assertThat(p.get("Url")).isEqualTo("http://x:80/a");
    }

    @Test
    void rejectsAContinuationLineBeforeAnyField() {
        assertThatThrownBy(() -> Deb822.parse(" orphan\n", "Packages"))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining("Packages line 1")
                .hasMessageContaining("orphan");
    }

    @Test
    void rejectsALineWithoutAColon() {
        assertThatThrownBy(() -> Deb822.parse("Package: a\nnonsense\n", "Packages"))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining("Packages line 2")
                .hasMessageContaining("'Name: value'");
    }

    @Test
    void rejectsAFieldRepeatedInOneParagraph() {
        assertThatThrownBy(() -> Deb822.parse("Package: a\npackage: b\n", "Packages"))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining("field appears twice")
                .hasMessageContaining("line 2");
    }
}
