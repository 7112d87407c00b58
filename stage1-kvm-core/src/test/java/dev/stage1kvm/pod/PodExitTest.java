package dev.stage1kvm.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PodExitTest {

    /** Measured on microvm and q35: status 0 gave 1, 3 gave 7, 7 gave 15, 42 gave 85. */
    @ParameterizedTest(name = "QEMU {0} -> app {1}")
    @CsvSource({"1, 0", "7, 3", "15, 7", "85, 42", "511, 255"})
    void oddQemuCodesCarryTheStatus(int qemuExitCode, int appStatus) {
        assertThat(PodExit.fromQemuExitCode(qemuExitCode)).hasValue(appStatus);
    }

    @ParameterizedTest(name = "QEMU {0}")
    @ValueSource(ints = {0, 2, 134, -1})
    void otherCodesCarryNone(int qemuExitCode) {
        assertThat(PodExit.fromQemuExitCode(qemuExitCode)).isEqualTo(OptionalInt.empty());
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"'7\n', 7", "0, 0", "'255', 255", "' 143 ', 143"})
    void statusFiles(String text, int status) {
        assertThat(PodExit.fromStatusFile("web", text)).isEqualTo(status);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "256", "-1", "exited 3", "1000"})
    void rejectsBrokenStatusFiles(String text) {
        assertThatThrownBy(() -> PodExit.fromStatusFile("web", text))
                .hasMessageStartingWith("status file of app web holds '" + text.strip() + "'");
    }
}
