#!/usr/bin/env bash
# Times the ACI writer (gzip) against tar piped into gzip -6 and pigz -6 on about 100 MB of real binaries.
#
# Usage: bench/aci-write.sh [work-dir]
#   Needs a built tree (./mvnw install -DskipTests). MVN_FLAGS (e.g. -o) is passed to the Maven calls.
#   INPUT_MB (default 100) sets the size of the input folder.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-$(mktemp -d /tmp/aci-bench.XXXXXX)}
INPUT_MB=${INPUT_MB:-100}
INPUT="$WORK/input"
MVN_FLAGS=${MVN_FLAGS:-}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
size_of() { stat -c %s "$1"; }

build_input() {
    [ -d "$INPUT" ] && return
    mkdir -p "$INPUT"
    local limit=$((INPUT_MB * 1024 * 1024))
    find /usr/bin /usr/lib/x86_64-linux-gnu /usr/lib/jvm -type f -size +0 -printf '%s %p\n' 2>/dev/null \
        | sort -k2 \
        | awk -v limit="$limit" 'total + $1 <= limit { total += $1; print $2 }' \
        | xargs -d '\n' cp --parents -t "$INPUT"
}

build_classpath() {
    (cd "$ROOT" && ./mvnw -q $MVN_FLAGS -pl stage1-kvm-core test-compile \
        && ./mvnw -q $MVN_FLAGS -pl stage1-kvm-core dependency:build-classpath \
            -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null)
    echo "$ROOT/stage1-kvm-core/target/classes:$ROOT/stage1-kvm-core/target/test-classes:$(cat "$WORK/classpath.txt")"
}

build_input
CLASSPATH_BENCH=$(build_classpath)
echo "input: $(du -sb "$INPUT" | cut -f1) bytes in $(find "$INPUT" -type f | wc -l) files; cores: $(nproc)"

# Warm the page cache so that every contender reads from memory.
tar -C "$INPUT" -cf - . > /dev/null

rm -f "$WORK/ours.aci"
start=$(now)
java -Xmx256m -cp "$CLASSPATH_BENCH" dev.stage1kvm.bench.AciWriteBench "$INPUT" "$WORK/ours.aci" | sed 's/^/  /'
ours=$(elapsed "$start" "$(now)")
echo "ours (fresh JVM, -Xmx256m, gzip level 6): ${ours}s wall, $(size_of "$WORK/ours.aci") bytes"

TAR=(tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$INPUT" -cf - .)
start=$(now)
"${TAR[@]}" | gzip -6 > "$WORK/tar-gzip.tar.gz"
gzip_time=$(elapsed "$start" "$(now)")
echo "tar | gzip -6: ${gzip_time}s wall, $(size_of "$WORK/tar-gzip.tar.gz") bytes"

if command -v pigz > /dev/null; then
    start=$(now)
    "${TAR[@]}" | pigz -6 > "$WORK/tar-pigz.tar.gz"
    pigz_time=$(elapsed "$start" "$(now)")
    echo "tar | pigz -6: ${pigz_time}s wall, $(size_of "$WORK/tar-pigz.tar.gz") bytes"
    echo "ratio (tar|pigz time / ours): $(awk -v a="$pigz_time" -v b="$ours" 'BEGIN { printf "%.2f", a / b }')"
else
    echo "tar | pigz -6: skipped, pigz is not installed (apt-get install pigz)"
fi
echo "ratio (tar|gzip time / ours): $(awk -v a="$gzip_time" -v b="$ours" 'BEGIN { printf "%.2f", a / b }') (target >= 1.5)"
echo "work folder: $WORK"
