package dev.stage1kvm.hypervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stage1kvm.pod.AppUnits;
import dev.stage1kvm.rootfs.Stage1Assets;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The guest's scripts in stage1-assets agree with the host's side of the contract. */
class GuestScriptsTest {

    @Test
    void firstStageInitMountsThePodShareWithTheHostsTagAndOptions() {
        String init = asset("guest/init");

        assertThat(init)
                .startsWith("#!/bin/busybox sh\n")
                .contains("-o " + GuestShares.POD_MOUNT_OPTIONS + " " + GuestShares.POD_TAG + " ")
                .contains("exec /usr/lib/systemd/systemd\n");
    }

    @Test
    void layoutPutsBothScriptsWhereUnitsAndTheManifestLookForThem() {
        String layout = asset(Stage1Assets.LAYOUT_LIST);

        assertThat(layout)
                .contains("\nfile " + AppUnits.EXIT_HELPER + " 0755 guest/app-exit\n")
                .contains("\nfile /usr/lib/stage1-kvm/init 0755 guest/init\n");
    }

    @Test
    void exitHelperReadsTheAppUnitThatAppUnitsNames() {
        assertThat(asset("guest/app-exit")).contains("\"" + AppUnits.appUnit("$app") + "\"");
    }

    private static String asset(String name) {
        return new String(Stage1Assets.fromClasspath().bytes(name), StandardCharsets.UTF_8);
    }
}
