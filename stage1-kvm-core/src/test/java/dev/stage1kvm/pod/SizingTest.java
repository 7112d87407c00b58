package dev.stage1kvm.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizingTest {

    /**
     * Each app is {@code name=memory/cpu}, {@code -} for no limit; apps are separated by spaces.
     */
    @ParameterizedTest(name = "{0}: [{1}] on {2} host CPUs -> {3} MiB, {4} vCPUs")
    @CsvSource({
        "one app without limits,        a=-/-,                         2,  256,  2",
        "1Gi and 1 core,                a=1Gi/1,                       2,  1152, 1",
        "1G rounds up to 954 MiB,       a=1G/1,                        2,  1082, 1",
        "spec's equal forms,            a=123Mi/1 b=125952Ki/1,        4,  374,  2",
        "one byte over a MiB,           a=1048577/1,                   2,  130,  1",
        "two 512Mi apps,                a=512Mi/1 b=512Mi/1,           8,  1152, 2",
        "app without memory limit,      a=512Mi/1 b=-/1,               8,  768,  2",
        "500m rounds up to a core,      a=-/500m,                      8,  256,  1",
        "1500m rounds up to two,        a=-/1500m,                     8,  256,  2",
        "each app rounded on its own,   a=-/500m b=-/500m,             8,  384,  2",
        "capped at host CPUs,           a=-/3 b=-/2,                   4,  384,  4",
        "one app without CPU limit,     a=-/1 b=-/-,                   4,  384,  4",
        "host over NR_CPUS,             a=-/-,                         64, 256,  16",
        "limits over NR_CPUS,           a=-/20 b=-/20,                 64, 384,  16",
        "1Ti limit,                     a=1Ti/1,                       2,  1048704, 1",
    })
    void sizes(String name, String apps, int hostCpus, long expectedMib, int expectedVcpus) {
        VmSize size = Sizing.size(parseApps(apps), hostCpus);

        assertThat(size.memoryMib()).isEqualTo(expectedMib);
        assertThat(size.vcpuCount()).isEqualTo(expectedVcpus);
        assertThat(size.hostCpuCount()).isEqualTo(hostCpus);
        assertThat(size.explanation())
                .startsWith("memory " + expectedMib + " MiB = ")
                .contains("vCPUs " + expectedVcpus);
    }

    @Test
    void explainsEachTermOnOneLine() {
        VmSize size = Sizing.size(parseApps("web=1Gi/1500m db=-/500m"), 8);

        assertThat(size.explanation())
                .isEqualTo("memory 1280 MiB = web 1024 + db 128 (no limit) + system 128;"
                        + " vCPUs 3 = min(limits 3, host 8, NR_CPUS 16)");
        assertThat(size.apps()).extracting(AppResources::appName).containsExactly("web", "db");
    }

    @Test
    void explainsWhichAppTookAllCpus() {
        VmSize size = Sizing.size(parseApps("web=-/1 db=-/-"), 2);

        assertThat(size.explanation()).endsWith("vCPUs 2 = min(host 2, NR_CPUS 16) because db has no CPU limit");
    }

    @Test
    void rejectsAPodWithoutApps() {
        assertThatThrownBy(() -> Sizing.size(List.of(), 2)).hasMessageContaining("at least one app");
    }

    @Test
    void rejectsANonPositiveHostCpuCount() {
        assertThatThrownBy(() -> Sizing.size(parseApps("a=-/-"), 0)).hasMessageContaining("was 0");
    }

    private static List<AppResources> parseApps(String spec) {
        List<AppResources> apps = new ArrayList<>();
        for (String app : spec.strip().split("\\s+")) {
            String[] nameAndLimits = app.split("=");
            String[] limits = nameAndLimits[1].split("/");
            OptionalLong memory = limits[0].equals("-")
                    ? OptionalLong.empty()
                    : OptionalLong.of(Quantities.memoryBytes("memory", limits[0]));
            OptionalLong cpu = limits[1].equals("-")
                    ? OptionalLong.empty()
                    : OptionalLong.of(Quantities.cpuMillis("cpu", limits[1]));
            apps.add(new AppResources(nameAndLimits[0], memory, cpu));
        }
        return apps;
    }
}
