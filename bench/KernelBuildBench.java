import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.kernel.KernelArch;
import dev.stage1kvm.kernel.KernelBuildRequest;
import dev.stage1kvm.kernel.KernelBuildResult;
import dev.stage1kvm.kernel.KernelBuilder;
import dev.stage1kvm.kernel.KernelConfig;
import dev.stage1kvm.kernel.RequiredOptions;
import dev.stage1kvm.source.BuildCache;
import dev.stage1kvm.source.BuildEnvironment;
import dev.stage1kvm.source.MakeRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Builds the amd64 stage1 kernel from a source tarball through KernelBuilder and prints the wall time. A second run
 * with nothing changed measures the cache hit. Run with bench/kernel-build.sh; --cached-only looks without building.
 */
public class KernelBuildBench {
    public static void main(String[] args) throws Exception {
        boolean lookOnly = args.length > 0 && args[0].equals("--cached-only");
        String[] rest = lookOnly ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        Path tarball = Path.of(rest.length > 0 ? rest[0] : "/usr/src/linux-source-6.1.tar.xz");
        Path resources = Path.of("kernel-config/src/main/resources/dev/stage1kvm/kernel");
        BuildListener listener = new BuildListener() {
            public void info(String m) { System.out.println(Instant.now() + " [info] " + m); }
            public void debug(String m) {
                if (System.getenv("BENCH_DEBUG") != null) System.out.println("[debug] " + m);
            }
            public void warn(String m) { System.out.println(Instant.now() + " [warn] " + m); }
        };
        KernelBuildRequest request = new KernelBuildRequest(
                tarball,
                KernelArch.AMD64,
                KernelConfig.read(resources.resolve("stage1-amd64.fragment")),
                "stage1-amd64.fragment",
                RequiredOptions.read(resources.resolve("required-options.txt")),
                List.of());
        BuildEnvironment environment = BuildEnvironment.DEFAULT;
        KernelBuilder builder = new KernelBuilder(
                new BuildCache(BuildCache.defaultRoot()), environment, new MakeRunner(environment, listener), listener);
        long start = System.nanoTime();
        if (lookOnly) {
            System.out.println("cached: " + builder.cached(request).map(r -> r.image().toString()).orElse("none"));
            return;
        }
        KernelBuildResult result = builder.build(request);
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("wall time: %.2f s, from cache: %s%n", wall.toMillis() / 1000.0, result.fromCache());
        System.out.println("image: " + result.image());
        System.out.println("config: " + result.config());
    }
}
