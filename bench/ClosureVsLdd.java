// Compares LibraryClosure with ldd over every dynamically linked ELF in the host's /usr/bin, using "/" as the
// rootfs. Run from the repository root after compiling stage1-kvm-core:
//   java -cp stage1-kvm-core/target/classes bench/ClosureVsLdd.java
// Expected differences: launchers reached through symlinks whose RUNPATH uses $ORIGIN (the JDK's /usr/bin/java):
// ldd runs them through ld.so, which takes $ORIGIN from the symlink's folder; an exec takes it from the real file,
// as LibraryClosure does.
import dev.stage1kvm.elf.*;
import dev.stage1kvm.progress.BuildListener;
import java.nio.file.*;
import java.util.*;
import java.util.stream.*;
public class ClosureVsLdd {
  public static void main(String[] a) throws Exception {
    LibraryClosure c = new LibraryClosure(Path.of("/"), LoaderDefaults.DEBIAN_AMD64, BuildListener.SILENT);
    int same=0, diff=0, n=0;
    List<Path> bins;
    try (Stream<Path> s = Files.list(Path.of("/usr/bin"))) { bins = s.sorted().toList(); }
    for (Path p : bins) {
      if (!Files.isRegularFile(p) || !ElfReader.hasElfMagic(p)) continue;
      if (ElfReader.read(p).isStatic()) continue;
      n++;
      Set<String> ours = new TreeSet<>();
      try {
        for (var l : c.close(List.of(p.toString())).librariesByBinary().get(p.toString()))
          ours.add(Path.of("/" + l.realPath()).toString());
      } catch (Exception e) { ours.add("ERR " + e.getMessage()); }
      Process pr = new ProcessBuilder("ldd", p.toString()).redirectErrorStream(true).start();
      Set<String> theirs = new TreeSet<>();
      for (String line : new String(pr.getInputStream().readAllBytes()).split("\n")) {
        line = line.strip();
        String path = line.contains("=>") ? line.split("=>")[1].strip().split(" ")[0] : line.split(" ")[0];
        if (path.startsWith("/")) theirs.add(Path.of(path).toRealPath().toString());
        else if (line.contains("not found")) theirs.add("NOTFOUND " + line);
      }
      pr.waitFor();
      if (ours.equals(theirs)) same++; else { diff++; if (diff <= 10) System.out.println(p + "\n ours=" + ours + "\n ldd =" + theirs); }
    }
    System.out.println("binaries=" + n + " same=" + same + " diff=" + diff);
  }
}
