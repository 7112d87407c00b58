package dev.stage1kvm.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.progress.BuildListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResolverTest {

    private static Resolution resolve(PackageIndex index, String... requested) {
        return new Resolver(index, "amd64", BuildListener.SILENT).resolve(List.of(requested));
    }

    private static List<String> ids(Resolution resolution) {
        return resolution.packages().stream().map(DebPackage::id).toList();
    }

    @Test
    void followsDependsAndPreDependsTransitively() {
        PackageIndex index = TestIndexes.of(
                "app 1\nPre-Depends: libc6 (>= 2.30)\nDepends: libfoo", "libfoo 2\nDepends: libc6", "libc6 2.36");

        Resolution r = resolve(index, "app");

        assertThat(ids(r)).containsExactly("app=1/amd64", "libc6=2.36/amd64", "libfoo=2/amd64");
        assertThat(r.why("libc6")).containsExactly("app", "libc6");
        assertThat(r.choice("libc6").reason()).isEqualTo("Pre-Depends: libc6 (>= 2.30)");
    }

    @Test
    void recordsWhichChosenPackageMetEachRelationGroup() {
        PackageIndex index = TestIndexes.of(
                "app 1\nPre-Depends: libc6\nDepends: missing | libfoo, mta",
                "libfoo 2\nDepends: libc6",
                "libc6 2.36",
                "exim 4\nProvides: mta");

        Resolution r = resolve(index, "app");

        assertThat(r.dependencies("app")).containsExactly("libc6", "libfoo", "exim");
        assertThat(r.dependencies("libfoo")).containsExactly("libc6");
        assertThat(r.dependencies("libc6")).isEmpty();
    }

    @Test
    void takesAPackageAloneWithoutItsDependencies() {
        PackageIndex index = TestIndexes.of(
                "linux-source-6.1 6.1.190-1 all\nDepends: binutils", "linux-source-6.1 6.1.192-3 all", "binutils 2");
        Resolver resolver = new Resolver(index, "amd64", BuildListener.SILENT);

        assertThat(resolver.resolveAlone("linux-source-6.1").id()).isEqualTo("linux-source-6.1=6.1.192-3/all");
        assertThatThrownBy(() -> resolver.resolveAlone("linux-source-6.12"))
                .isInstanceOf(DebResolutionException.class)
                .hasMessageContaining("Package 'linux-source-6.12' is not in the configured Debian sources. Did you"
                        + " mean: linux-source-6.1?");
    }

    @Test
    void takesTheNewestVersionThatSatisfiesTheRelation() {
        PackageIndex index =
                TestIndexes.of("app 1\nDepends: lib (<< 3)", "lib 2.5-1", "lib 3.0", "lib 2.5-1+deb12u1", "lib 1");

        assertThat(ids(resolve(index, "app"))).contains("lib=2.5-1+deb12u1/amd64");
    }

    @Test
    void picksTheFirstSatisfiableAlternative() {
        PackageIndex index = TestIndexes.of("app 1\nDepends: missing | second (>= 2) | third", "second 1", "third 1");

        assertThat(ids(resolve(index, "app"))).containsExactly("app=1/amd64", "third=1/amd64");
    }

    @Test
    void aGroupAlreadyMetByAChosenPackagePullsNothingIn() {
        PackageIndex index = TestIndexes.of("app 1\nDepends: b, a | b", "a 1", "b 1");

        assertThat(ids(resolve(index, "app"))).containsExactly("app=1/amd64", "b=1/amd64");
    }

    @Test
    void satisfiesVirtualPackagesThroughProvidesIncludingVersionedProvides() {
        PackageIndex index = TestIndexes.of(
                "app 1\nDepends: mail-transport-agent, libnss (>= 2)",
                "exim 4\nProvides: mail-transport-agent",
                "nss-old 1\nProvides: libnss (= 1)",
                "nss-new 1\nProvides: libnss (= 3)");

        Resolution r = resolve(index, "app");

        assertThat(ids(r)).containsExactly("app=1/amd64", "exim=4/amd64", "nss-new=1/amd64");
        assertThat(r.choice("nss-new").reason()).contains("(provided)");
    }

    @Test
    void anUnversionedProvideDoesNotSatisfyAVersionedRelation() {
        PackageIndex index = TestIndexes.of("app 1\nDepends: virt (>= 1)", "impl 1\nProvides: virt");

        assertThatThrownBy(() -> resolve(index, "app"))
                .isInstanceOf(DebResolutionException.class)
                .hasMessageContaining("virt (>= 1)");
    }

    @Test
    void takesArchAllPackagesAndAcceptsAnyQualifiers() {
        PackageIndex index = TestIndexes.of(
                "app 1\nDepends: python3:any, data:native", "python3 3.11 amd64\nMulti-Arch: allowed", "data 1 all");

        assertThat(ids(resolve(index, "app"))).containsExactly("app=1/amd64", "data=1/all", "python3=3.11/amd64");
    }

    @Test
    void aQualifierForAnotherArchitectureIsNotMet() {
        PackageIndex index = TestIndexes.of("app 1\nDepends: lib:i386 | lib2", "lib 1", "lib2 1");

        assertThat(ids(resolve(index, "app"))).containsExactly("app=1/amd64", "lib2=1/amd64");
    }

    @Test
    void survivesDependencyCycles() {
        PackageIndex index = TestIndexes.of("a 1\nDepends: b", "b 1\nDepends: c", "c 1\nPre-Depends: a");

        Resolution r = resolve(index, "a");

        assertThat(ids(r)).containsExactly("a=1/amd64", "b=1/amd64", "c=1/amd64");
        assertThat(r.why("c")).containsExactly("a", "b", "c");
    }

    @Test
    void explainsEachChoiceAtDebugLevel() {
        List<String> debug = new ArrayList<>();
        BuildListener listener = new BuildListener() {
            public void info(String message) {}

            public void debug(String message) {
                debug.add(message);
            }

            public void warn(String message) {}
        };
        PackageIndex index = TestIndexes.of("app 1\nDepends: lib", "lib 1");

        new Resolver(index, "amd64", listener).resolve(List.of("app"));

        assertThat(debug)
                .containsExactly("resolve: app=1/amd64 requested as 'app'", "resolve: lib=1/amd64 <- app Depends: lib");
    }

    @Test
    void anUnknownRequestedPackageSuggestsCloseNames() {
        PackageIndex index = TestIndexes.of("systemd 252", "systemd-sysv 252", "udev 252");

        assertThatThrownBy(() -> resolve(index, "sytemd"))
                .isInstanceOf(DebResolutionException.class)
                .hasMessageContaining("Package 'sytemd' is not in the configured Debian sources")
                .hasMessageContaining("Did you mean: systemd?");
    }

    @Test
    void aRequestedVersionThatDoesNotExistListsTheAvailableOnes() {
        PackageIndex index = TestIndexes.of("systemd 252", "systemd 252.31");

        assertThatThrownBy(() -> resolve(index, "systemd (>= 253)"))
                .isInstanceOf(DebResolutionException.class)
                .hasMessageContaining("available: 252.31, 252");
    }

    @Test
    void anUnsatisfiableDependencyNamesTheChain() {
        PackageIndex index =
                TestIndexes.of("app 1\nDepends: mid", "mid 1\nDepends: libgone (>= 2) | other", "libgone 1");

        assertThatThrownBy(() -> resolve(index, "app"))
                .isInstanceOfSatisfying(
                        DebResolutionException.class, e -> assertThat(e.chain()).containsExactly("app", "mid"))
                .hasMessageContaining("Cannot satisfy Depends 'libgone (>= 2) | other' of mid=1/amd64")
                .hasMessageContaining("needed by app -> mid");
    }

    @Test
    void suggestionsAreClosestFirst() {
        assertThat(NameSuggestions.closest(
                        "libsystemd", List.of("libsystemd0", "libsystemd-dev", "systemd", "libsystem"), 5))
                .containsExactly("libsystem", "libsystemd0", "systemd");
        assertThat(NameSuggestions.distance("kitten", "sitting")).isEqualTo(3);
    }
}
