// Prints what BzImage reads from a built kernel and checks its embedded config against the config stored beside it
// and against required-options.txt. Run from the repository root after compiling stage1-kvm-core:
//   java -cp "stage1-kvm-core/target/classes:$(cat target/bench-classpath.txt)" bench/InspectKernel.java \
//       ~/.cache/stage1-kvm/kernel/<sha256>
import dev.stage1kvm.kernel.BzImage;
import dev.stage1kvm.kernel.KernelConfig;
import dev.stage1kvm.kernel.RequiredOptions;
import java.nio.file.Files;
import java.nio.file.Path;

public class InspectKernel {
    public static void main(String[] args) throws Exception {
        Path entry = Path.of(args[0]);
        long start = System.nanoTime();
        BzImage image = BzImage.read(entry.resolve("kernel-image"));
        KernelConfig embedded = image.embeddedConfig().orElseThrow(() -> new IllegalStateException("no IKCONFIG"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        KernelConfig stored = KernelConfig.read(entry.resolve("config"));
        RequiredOptions required =
                RequiredOptions.read(Path.of("kernel-config/src/main/resources/dev/stage1kvm/kernel/required-options.txt"));
        System.out.println("size: " + Files.size(entry.resolve("kernel-image")) + " bytes");
        System.out.println("version: " + image.versionString());
        System.out.println("release: " + image.kernelRelease() + ", protocol 0x" + Integer.toHexString(image.protocolVersion()));
        System.out.println("payload: " + image.payloadFormat() + ", embedded config read in " + millis + " ms");
        System.out.println("embedded config: " + embedded.values().size() + " options, same as stored config: "
                + embedded.values().equals(stored.values()));
        System.out.println("missing required options (amd64): " + required.check(embedded, "amd64").size());
    }
}
