package dev.stage1kvm.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage1 images whose "hypervisor" is a shell script, and app ACIs that tell that script what to do. The script
 * stands in for QEMU (as the image's loader) or lkvm only in these tests of the launcher's process handling: it finds
 * the pod share in its argv, writes {@code started} with its PID, then follows each app's {@code /fake-vm} lines:
 * {@code status N} writes the app's status file, {@code exit N} sets its exit code, {@code sleep N} waits.
 */
final class FakeImages {

    static final String FAKE_HYPERVISOR = """
            #!/bin/sh
            pod=
            for arg in "$@"; do
              case "$arg" in
                local,id=pod,path=*) pod=${arg#local,id=pod,path=}; pod=${pod%%,*} ;;
                *,pod) pod=${arg%,pod} ;;
              esac
            done
            [ -n "$pod" ] || { echo "fake hypervisor: no pod share in $*" >&2; exit 98; }
            echo $$ > "$pod/started"
            code=0
            for app in "$pod"/apps/*; do
              name=${app##*/}
              while read -r word value; do
                case "$word" in
                  status) echo "$value" > "$pod/rkt/status/$name" ;;
                  exit) code=$value ;;
                  sleep) exec sleep "$value" ;;
                esac
              done < "$app/rootfs/fake-vm"
            done
            exit $code
            """;

    private FakeImages() {}

    /** The annotations of a complete QEMU stage1 image. */
    static Map<String, String> qemuAnnotations() {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("stage1-kvm.dev/hypervisor", "qemu");
        annotations.put("stage1-kvm.dev/hypervisor-path", "/qemu");
        annotations.put("stage1-kvm.dev/kernel", "/kernel_image");
        annotations.put("stage1-kvm.dev/loader", "/lib64/ld-linux-x86-64.so.2");
        annotations.put("stage1-kvm.dev/library-path", "/usr/lib/x86_64-linux-gnu");
        annotations.put("stage1-kvm.dev/module-dir", "/usr/lib/x86_64-linux-gnu/qemu");
        annotations.put("stage1-kvm.dev/firmware-dir", "/usr/share/qemu");
        annotations.put("stage1-kvm.dev/kernel-version", "6.1.0-test");
        return annotations;
    }

    static Map<String, String> lkvmAnnotations() {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("stage1-kvm.dev/hypervisor", "lkvm");
        annotations.put("stage1-kvm.dev/hypervisor-path", "/lkvm");
        annotations.put("stage1-kvm.dev/kernel", "/kernel_image");
        return annotations;
    }

    /** A QEMU stage1 image whose loader is the fake hypervisor script. */
    static Path qemuStage1(Path file, Map<String, String> annotations, boolean withKernel) throws IOException {
        TestArchives tar = new TestArchives()
                .file("manifest", manifest(annotations))
                .dir("rootfs/")
                .executable("rootfs/qemu", "not run: the loader script stands in for QEMU\n");
        if (withKernel) {
            tar.file("rootfs/kernel_image", "bzImage\n");
        }
        return tar.dir("rootfs/lib64/")
                .executable("rootfs/lib64/ld-linux-x86-64.so.2", FAKE_HYPERVISOR)
                .dir("rootfs/usr/")
                .dir("rootfs/usr/lib/")
                .dir("rootfs/usr/lib/x86_64-linux-gnu/")
                .dir("rootfs/usr/lib/x86_64-linux-gnu/qemu/")
                .dir("rootfs/usr/share/")
                .dir("rootfs/usr/share/qemu/")
                .dir("rootfs/sbin/")
                .executable("rootfs/sbin/init", "systemd stand-in\n")
                .writeGzip(file);
    }

    static Path lkvmStage1(Path file) throws IOException {
        return new TestArchives()
                .file("manifest", manifest(lkvmAnnotations()))
                .dir("rootfs/")
                .executable("rootfs/lkvm", FAKE_HYPERVISOR)
                .file("rootfs/kernel_image", "bzImage\n")
                .dir("rootfs/sbin/")
                .executable("rootfs/sbin/init", "systemd stand-in\n")
                .writeGzip(file);
    }

    /** An app ACI running /bin/app whose {@code /fake-vm} holds {@code fakeVm}. */
    static Path app(Path file, String fakeVm) throws IOException {
        String manifest = "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"example.com/app\","
                + "\"labels\":[],\"app\":{\"exec\":[\"/bin/app\",\"--serve\"],\"user\":\"0\",\"group\":\"0\","
                + "\"isolators\":[{\"name\":\"resource/memory\",\"value\":{\"limit\":\"256Mi\"}}]}}";
        return new TestArchives()
                .file("manifest", manifest)
                .dir("rootfs/")
                .dir("rootfs/bin/")
                .executable("rootfs/bin/app", "#!/bin/sh\n")
                .file("rootfs/fake-vm", fakeVm)
                .writeGzip(file);
    }

    static String manifest(Map<String, String> annotations) {
        List<String> pairs = new ArrayList<>();
        annotations.forEach((name, value) -> pairs.add("{\"name\":\"" + name + "\",\"value\":\"" + value + "\"}"));
        return "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"coreos.com/rkt/stage1-kvm\","
                + "\"labels\":[{\"name\":\"version\",\"value\":\"0.1.0\"},{\"name\":\"arch\",\"value\":\"amd64\"},"
                + "{\"name\":\"os\",\"value\":\"linux\"}],\"annotations\":[" + String.join(",", pairs) + "]}";
    }
}
