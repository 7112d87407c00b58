package dev.stage1kvm.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "0, 0",
        "128974848, 128974848",
        "125952Ki, 128974848",
        "123Mi, 128974848",
        "1K, 1000",
        "1k, 1000",
        "1M, 1000000",
        "1G, 1000000000",
        "1T, 1000000000000",
        "1P, 1000000000000000",
        "1E, 1000000000000000000",
        "1Ki, 1024",
        "1Gi, 1073741824",
        "1Ti, 1099511627776",
        "1Pi, 1125899906842624",
        "1Ei, 1152921504606846976",
        "0.3, 0.3",
        ".5, 0.5",
        "1.5Gi, 1610612736",
        "500m, 0.5",
        "1500m, 1.5",
        "' 2Gi ', 2147483648",
    })
    void parsesExactValues(String text, String expected) {
        assertThat(Quantities.parse("--memory", text)).isEqualByComparingTo(new BigDecimal(expected));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "Gi", "1GB", "1g", "1mi", "1 Gi", "1e3", "0x10", "+1", "1.2.3", "1,5G", "one"})
    void rejectsMalformedTextNamingFieldAndForms(String text) {
        assertThatThrownBy(() -> Quantities.parse("--memory", text))
                .isInstanceOf(InvalidQuantityException.class)
                .hasMessageStartingWith("--memory '")
                .hasMessageContaining("is not a quantity")
                .hasMessageContaining("Ki Mi Gi Ti Pi Ei");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"-1", "-512Mi", "-0.5"})
    void rejectsNegatives(String text) {
        assertThatThrownBy(() -> Quantities.parse("resource/memory limit", text))
                .isInstanceOf(InvalidQuantityException.class)
                .hasMessage("resource/memory limit '" + text + "' is negative: " + Quantities.ACCEPTED_FORMS);
    }

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({"1Mi, 1048576", "1M, 1000000", "512Mi, 536870912", "0.5Gi, 536870912", "1Ti, 1099511627776"})
    void memoryInWholeBytes(String text, long expectedBytes) {
        assertThat(Quantities.memoryBytes("--memory", text)).isEqualTo(expectedBytes);
    }

    @ParameterizedTest(name = "''{0}'': {1}")
    @CsvSource({
        "500m, is not a whole number of bytes",
        "0.3, is not a whole number of bytes",
        "512, is less than 1M",
        "0, is less than 1M",
        "976Ki, is less than 1M",
        "999999, is less than 1M",
        "1025Gi, is more than the largest memory limit",
        "1P, is more than the largest memory limit",
        "8E, is more than the largest memory limit",
        "99999999999999999999999999Ei, is more than the largest memory limit",
    })
    void memoryOutOfRange(String text, String problem) {
        assertThatThrownBy(() -> Quantities.memoryBytes("--memory", text))
                .isInstanceOfSatisfying(InvalidQuantityException.class, e -> {
                    assertThat(e.field()).isEqualTo("--memory");
                    assertThat(e.value()).isEqualTo(text);
                })
                .hasMessageStartingWith("--memory '" + text + "' " + problem);
    }

    @ParameterizedTest(name = "{0} = {1}m")
    @CsvSource({"1, 1000", "500m, 500", "0.5, 500", "1500m, 1500", "2, 2000", "0.001, 1", "1024, 1024000"})
    void cpuInMillicores(String text, long expectedMillis) {
        assertThat(Quantities.cpuMillis("--cpu", text)).isEqualTo(expectedMillis);
    }

    @ParameterizedTest(name = "''{0}'': {1}")
    @CsvSource({
        "0.0005, is finer than 1m",
        "0.5m, is finer than 1m",
        "0, is zero",
        "0m, is zero",
        "1025, is more than the largest CPU limit",
        "1M, is more than the largest CPU limit",
        "-1, is negative",
        "2 cores, is not a quantity",
    })
    void cpuOutOfRange(String text, String problem) {
        assertThatThrownBy(() -> Quantities.cpuMillis("--cpu", text))
                .isInstanceOf(InvalidQuantityException.class)
                .hasMessageStartingWith("--cpu '" + text + "' " + problem);
    }
}
