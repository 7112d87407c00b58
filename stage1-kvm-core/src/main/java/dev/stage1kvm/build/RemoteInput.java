package dev.stage1kvm.build;

import dev.stage1kvm.rootfs.RootfsInput;
import java.io.IOException;

/** An input that downloads what it needs; the {@code fetch} goal fills the caches through it for offline builds. */
public interface RemoteInput extends RootfsInput {

    /** Downloads into the caches everything staging this input will need; a cached item is only verified. */
    void fetch() throws IOException;
}
