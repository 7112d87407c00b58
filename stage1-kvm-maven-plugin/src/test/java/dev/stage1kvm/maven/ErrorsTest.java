package dev.stage1kvm.maven;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.build.InvalidSpecException;
import dev.stage1kvm.build.MissingKernelToolsException;
import dev.stage1kvm.deb.LockFile;
import dev.stage1kvm.deb.NotOnMirrorException;
import dev.stage1kvm.deb.PinnedPackageMissingException;
import dev.stage1kvm.source.BuildTool;
import dev.stage1kvm.source.MissingBuildToolException;
import java.net.URI;
import java.nio.file.Path;
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

    private static PinnedPackageMissingException pinnedPackageGone(String path) {
        URI url = URI.create("http://deb.debian.org/debian/" + path);
        LockFile.Entry entry = new LockFile.Entry("libc6", "2.36-9", "amd64", "a".repeat(64), 1, path, List.of());
        return new PinnedPackageMissingException(
                Path.of("/project/stage1-kvm.lock"),
                entry,
                new NotOnMirrorException(entry.id(), List.of(url), "HTTP 404"));
    }

    @Test
    void aPinnedPackageTheMirrorDroppedIsAnsweredWithUpdateLockOrASnapshotMirror() {
        String path = "pool/main/g/glibc/libc6_2.36-9_amd64.deb";

        assertThatThrownBy(() -> Errors.translate(() -> {
                    throw pinnedPackageGone(path);
                }))
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("libc6=2.36-9/amd64, pinned by /project/stage1-kvm.lock, is not on the mirror:"
                        + " http://deb.debian.org/debian/" + path + " answered HTTP 404. The mirror may lag behind its"
                        + " index (then try again later), or no longer carry this version: run once with"
                        + " -Dstage1.updateLock to resolve the packages anew and rewrite the lock file, or keep the"
                        + " pinned versions by pointing <debianMirror> (-Dstage1.debianMirror) at a snapshot archive"
                        + " from the day the lock file was written, e.g."
                        + " https://snapshot.debian.org/archive/debian/20250601T000000Z.");
    }

    @Test
    void aPinnedPackageOfTheSecurityArchiveIsPointedToASnapshotOfThatArchive() {
        String path = "pool/updates/main/g/glibc/libc6_2.36-9+deb12u4_amd64.deb";

        assertThatThrownBy(() -> Errors.translate(() -> {
                    throw pinnedPackageGone(path);
                }))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("-Dstage1.updateLock to resolve the packages anew")
                .hasMessageEndingWith("keep the pinned versions by naming a snapshot of the security archive from the"
                        + " day the lock file was written as the security suite of <debianSuites>"
                        + " (-Dstage1.debianSuites), e.g. 'bookworm,bookworm-updates,"
                        + "https://snapshot.debian.org/archive/debian-security/20250601T000000Z bookworm-security'.");
    }
}
