package dev.stage1kvm.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AppUnitsTest {

    /** The templates as the stage1-assets module ships them (a test dependency of this module). */
    private final AppUnits units = AppUnits.fromAssets();

    @Test
    void rendersAnAppUnitFromTheTemplate() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("GREETING", "hello world");

        String unit = units.render(List.of(new AppExec(
                        "web", List.of("/bin/httpd", "-f", "-p", "80"), 33, 33, List.of(4, 27), env, "/srv")))
                .get("app-web.service");

        assertThat(unit.lines().filter(line -> !line.startsWith("#") && !line.isBlank()))
                .containsExactly(
                        "[Unit]",
                        "Description=stage1-kvm app web",
                        "DefaultDependencies=no",
                        "OnSuccess=exit-web.service",
                        "OnFailure=exit-web.service",
                        "[Service]",
                        "Type=simple",
                        "Restart=no",
                        "RootDirectory=/opt/stage2/web/rootfs",
                        "MountAPIVFS=yes",
                        "User=33",
                        "Group=33",
                        "SupplementaryGroups=4 27",
                        "WorkingDirectory=/srv",
                        "Environment=\"PATH=/usr/bin:/bin\"",
                        "Environment=\"GREETING=hello world\"",
                        "MemoryMax=",
                        "CPUQuota=",
                        "ExecStart=\"/bin/httpd\" \"-f\" \"-p\" \"80\"",
                        "StandardOutput=tty",
                        "StandardError=tty",
                        "TTYPath=/dev/console");
    }

    @Test
    void eachAppIsCappedAtItsOwnLimits() {
        Map<String, String> rendered = units.render(
                List.of(app("web"), app("db"), app("batch")),
                List.of(
                        new AppResources("web", OptionalLong.of(256L << 20), OptionalLong.of(500)),
                        new AppResources("db", OptionalLong.empty(), OptionalLong.of(1_501))));

        assertThat(rendered.get("app-web.service")).contains("\nMemoryMax=268435456\n", "\nCPUQuota=50%\n");
        assertThat(rendered.get("app-db.service")).contains("\nMemoryMax=\n", "\nCPUQuota=150.1%\n");
        assertThat(rendered.get("app-batch.service")).contains("\nMemoryMax=\n", "\nCPUQuota=\n");
    }

    @Test
    void rendersExitUnitsAndTheTargetInAppOrder() {
        Map<String, String> rendered = units.render(List.of(app("web"), app("db")));

        assertThat(rendered.keySet())
                .containsExactly(
                        "app-web.service", "exit-web.service", "app-db.service", "exit-db.service", AppUnits.TARGET);
        assertThat(rendered.get("exit-db.service"))
                .contains("\nExecStart=/usr/lib/stage1-kvm/app-exit db\n")
                .contains("\nType=oneshot\n");
        assertThat(rendered.get(AppUnits.TARGET)).contains("\nWants=app-web.service app-db.service\n");
    }

    @Test
    void escapesQuotesBackslashesSpecifiersAndVariables() {
        AppExec app = new AppExec(
                "sh",
                List.of("/bin/sh", "-c", "echo \"$HOME\" 100% \\o/"),
                0,
                0,
                List.of(),
                Map.of("RATIO", "50%\"x\""),
                "/home/100%");

        String unit = units.render(List.of(app)).get("app-sh.service");

        assertThat(unit)
                .contains("\nExecStart=\"/bin/sh\" \"-c\" \"echo \\\"$$HOME\\\" 100%% \\\\o/\"\n")
                .contains("\nEnvironment=\"RATIO=50%%\\\"x\\\"\"\n")
                .contains("\nWorkingDirectory=/home/100%%\n");
    }

    @Test
    void rejectsValuesAUnitCannotCarry() {
        AppExec app = new AppExec("a", List.of("/bin/echo", "two\nlines"), 0, 0, List.of(), Map.of(), "/");

        assertThatThrownBy(() -> units.render(List.of(app)))
                .hasMessageContaining("'two?lines' holds a control character");
    }

    @Test
    void rejectsTwoAppsOfOneName() {
        assertThatThrownBy(() -> units.render(List.of(app("web"), app("web"))))
                .hasMessage("two apps are named web; give each its own name");
    }

    @Test
    void rejectsAppNamesThatCannotNameAUnit() {
        for (String name : List.of("Web", "a/b", "a~b", "-a", "a--b", "", "a b")) {
            assertThatThrownBy(() -> app(name))
                    .as(name)
                    .hasMessageStartingWith("app name '" + name + "' cannot name a guest unit");
        }
    }

    @Test
    void rejectsRelativeExecAndWorkingDirectoryAndBadVariableNames() {
        assertThatThrownBy(() -> new AppExec("a", List.of("httpd"), 0, 0, List.of(), Map.of(), "/"))
                .hasMessageContaining("must start with an absolute path");
        assertThatThrownBy(() -> new AppExec("a", List.of("/x"), 0, 0, List.of(), Map.of(), "srv"))
                .hasMessageContaining("working directory 'srv' must be absolute");
        assertThatThrownBy(() -> new AppExec("a", List.of("/x"), 0, 0, List.of(), Map.of("1X", "y"), "/"))
                .hasMessageContaining("environment variable name '1X' is not valid");
    }

    @Test
    void templateNeedsEveryValueAndPlaceForEveryValue() {
        UnitTemplate template = new UnitTemplate("t.service", "A={{a}}\n");

        assertThat(template.render(Map.of("a", "1"))).isEqualTo("A=1\n");
        assertThatThrownBy(() -> template.render(Map.of()))
                .hasMessage("unit template t.service needs a value for {{a}}");
        assertThatThrownBy(() -> template.render(Map.of("a", "1", "b", "2")))
                .hasMessage("unit template t.service has no place for [b]");
    }

    private static AppExec app(String name) {
        return new AppExec(name, List.of("/bin/true"), 0, 0, List.of(), Map.of(), "/");
    }
}
