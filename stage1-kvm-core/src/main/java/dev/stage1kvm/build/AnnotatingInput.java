package dev.stage1kvm.build;

import dev.stage1kvm.aci.NameValue;
import dev.stage1kvm.rootfs.RootfsIndex;
import dev.stage1kvm.rootfs.RootfsInput;
import java.util.List;

/** A hypervisor's input that also names annotations for that hypervisor's manifest, read from the finished rootfs. */
public interface AnnotatingInput extends RootfsInput {

    /**
     * The annotations to add to the manifest.
     *
     * @param image the finished image's rootfs, common part and overlay together
     */
    List<NameValue> annotations(RootfsIndex image);
}
