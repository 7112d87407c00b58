package dev.stage1kvm.hypervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostTscTest {

    private static final String CPUINFO = "processor\t: 0\nmodel name\t: AMD EPYC\ncpu MHz\t\t: 2445.432\n"
            + "flags\t\t: fpu tsc msr constant_tsc rep_good nopl\n\nprocessor\t: 1\ncpu MHz\t\t: 1200.000\n";

    @TempDir
    Path host;

    @Test
    void takesTheFirstCpusRateInKhz() throws IOException {
        writeCpuinfo(CPUINFO);

        assertThat(HostTsc.detect(host)).hasValue(2445432);
    }

    @Test
    void distrustsCpuinfoWhenACpufreqDriverIsLoaded() throws IOException {
        writeCpuinfo(CPUINFO);
        Files.createDirectories(host.resolve("sys/devices/system/cpu/cpu0/cpufreq"));

        assertThat(HostTsc.detect(host)).isEmpty();
    }

    @Test
    void needsAConstantTsc() {
        assertThat(HostTsc.fromCpuinfo(CPUINFO.replace("constant_tsc ", ""))).isEmpty();
        assertThat(HostTsc.fromCpuinfo(CPUINFO.replace("constant_tsc", "constant_tsc_x")))
                .isEmpty();
    }

    @Test
    void unknownWithoutCpuinfoOrRate() {
        assertThat(HostTsc.detect(host)).isEmpty();
        assertThat(HostTsc.fromCpuinfo("flags\t\t: constant_tsc\n")).isEqualTo(OptionalLong.empty());
    }

    private void writeCpuinfo(String text) throws IOException {
        Files.createDirectories(host.resolve("proc"));
        Files.writeString(host.resolve("proc/cpuinfo"), text);
    }
}
