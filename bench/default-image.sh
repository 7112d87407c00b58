#!/bin/sh
# Builds the default image (a pom with the plugin and no configuration at all) and reports what it costs: a cold build
# (no lock file, an empty package cache), a fetch, warm offline builds from the lock file, one build per compression,
# the packages the lock file pins, and how much the file lists trim (bytes unpacked against bytes kept).
#
# Usage, from the repository root, once an invoker run has installed the plugin into it/target/local-repo:
#   ./mvnw -o -pl stage1-kvm-core,stage1-kvm-maven-plugin,it -am verify -Dinvoker.test=default-image \
#       -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
#   nice bench/default-image.sh [work-dir]
#
# The run uses a cache of its own (XDG_CACHE_HOME=<work-dir>/cache) and downloads about 260 MB from Debian's mirror.
# The kernel entries of ~/.cache/stage1-kvm/kernel are copied (never moved) into it first, so the cold build compiles
# no kernel when the user's cache holds one for the same tarball; without one it compiles (6-10 minutes on 2 idle
# cores).
set -eu
root=$PWD
work=${1:-${TMPDIR:-/tmp}/stage1-kvm-default-image}
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
mvn() { "$root/mvnw" -B -Dmaven.repo.local="$root/it/target/local-repo" -f "$work/project/pom.xml" "$@"; }
seconds() { start=$(date +%s.%N); "$@" > "$work/last.log" 2>&1 || { tail -n 40 "$work/last.log"; exit 1; }
    echo "$(date +%s.%N) - $start" | bc; }

rm -rf "$work"
mkdir -p "$work/project" "$work/cache/stage1-kvm"
if [ -d "$HOME/.cache/stage1-kvm/kernel" ]; then cp -a "$HOME/.cache/stage1-kvm/kernel" "$work/cache/stage1-kvm/"; fi
export XDG_CACHE_HOME="$work/cache"
cat > "$work/project/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>default-image</artifactId>
  <version>1.0</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>dev.stage1kvm</groupId>
        <artifactId>stage1-kvm-maven-plugin</artifactId>
        <version>$version</version>
        <executions><execution><goals><goal>assemble</goal></goals></execution></executions>
      </plugin>
    </plugins>
  </build>
</project>
EOF

echo "cold build (no lock file, empty package cache): $(seconds mvn package) s"
grep -E 'Wrote .* pinning|Kernel: (taken from cache|building)|stage1-kvm.aci:' "$work/last.log" | sed 's/^/  /'
rm -rf "$work/cache/stage1-kvm/blobs" "$work/cache/stage1-kvm/releases"
echo "fetch into an empty package cache, from the lock file: $(seconds mvn stage1-kvm:fetch) s"
mvn -o -q package > /dev/null
echo "warm build (-o, from the lock file): $(seconds mvn -o package) s"
grep -E 'stage1-kvm.aci:' "$work/last.log" | sed 's/^/  /'

for compression in gzip xz bzip2 none; do
    time=$(seconds mvn -o package -Dstage1.compression=$compression)
    echo "compression $compression: $time s, $(stat -c %s "$work/project/target/stage1-kvm.aci") bytes"
done

python3 - "$work/project/stage1-kvm.lock" <<'EOF'
import json, sys
packages = json.load(open(sys.argv[1]))["packages"]
print("lock file: %d packages, %d bytes of .deb files" % (len(packages), sum(p["size"] for p in packages)))
EOF
mvn -o -X package > "$work/debug.log" 2>&1
echo "trimming (debug lines of the warm build):"
grep -E '\[DEBUG\] (Unpacked [0-9]+ packages|Common userland|QEMU overlay)' "$work/debug.log" | sed 's/(.*)://; s/^/  /'
