package dev.stage1kvm.maven;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.build.InvalidSpecException;
import dev.stage1kvm.build.MissingKernelToolsException;
import dev.stage1kvm.source.BuildTool;
import dev.stage1kvm.source.MissingBuildToolException;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void missingKernelToolsNameEachToolTheAptCommandAndTheSwitchThatNeedsNoCompiler() {
        MissingBuildToolException missing = new MissingBuildToolException(
                "the kernel build",
                "/usr/bin:/bin",
                List.of(BuildTool.program("gcc", "gcc"), BuildTool.program("flex", "flex")));

        assertThatThrownBy(() -> Errors.translate(() -> {
                    throw new MissingKernelToolsException("the default kernel", missing);
                }))
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("the default kernel: the kernel build needs tools this host lacks: gcc (Debian package"
                        + " gcc), flex (Debian package flex) (programs are looked up on PATH /usr/bin:/bin)."
                        + " Install them with: apt-get install gcc flex. Or build without a compiler, with"
                        + " Debian's prebuilt kernel: -Dstage1.kernelOrigin=debian");
    }

    @Test
    void anInvalidDebianSettingIsNamedAsTheUserWritesIt() {
        assertThatThrownBy(() -> Errors.translate(() -> {
                    throw new InvalidSpecException("debianComponents", "Main", "has 'Main', which is not a component");
                }))
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("Invalid <debianComponents> (-Dstage1.debianComponents) 'Main': has 'Main', which is not a"
                        + " component");
    }
}
