package dev.stage1kvm.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputTimestampTest {

    @ParameterizedTest(name = "outputTimestamp [{0}], SOURCE_DATE_EPOCH [{1}] -> {2}")
    @CsvSource({
        "2026-02-03T04:05:06Z, 99, 2026-02-03T04:05:06Z, from outputTimestamp",
        "2026-02-03T13:05:06+09:00, , 2026-02-03T04:05:06Z, from outputTimestamp",
        "1700000000, , 2023-11-14T22:13:20Z, from outputTimestamp",
        ", 1700000000, 2023-11-14T22:13:20Z, from SOURCE_DATE_EPOCH",
        "x, 1700000000, 2023-11-14T22:13:20Z, from SOURCE_DATE_EPOCH",
        ", , 1980-01-01T00:00:00Z, fixed"
    })
    void choosesInOrder(String configured, String epoch, String expected, String reason) {
        OutputTimestamp.Choice choice = OutputTimestamp.choose(configured, epoch);

        assertThat(choice.instant()).isEqualTo(Instant.parse(expected));
        assertThat(choice.reason()).startsWith(reason);
    }

    @ParameterizedTest(name = "[{0}] / [{1}] is refused")
    @CsvSource({"yesterday, , outputTimestamp 'yesterday'", ", -5, SOURCE_DATE_EPOCH '-5'", ", 1e9, SOURCE_DATE_EPOCH"})
    void refusesWhatItCannotRead(String configured, String epoch, String message) {
        assertThatThrownBy(() -> OutputTimestamp.choose(configured, epoch))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith(message);
    }
}
