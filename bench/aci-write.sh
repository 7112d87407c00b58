#!/usr/bin/env bash
# Times the ACI writer (gzip) against tar piped into gzip -6 and pigz -6 on about 100 MB of real binaries.
#
# Usage: bench/aci-write.sh [work-dir]
#   Needs a built tree (./mvnw install -DskipTests). Environment:
#   MVN_FLAGS  extra Maven flags, e.g. -o when offline
#   INPUT_MB   size of the input folder (default 100)
#   RUNS       rounds; each round runs every contender once, in turn, and the best time of each counts (default 3)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-$(mktemp -d /tmp/aci-bench.XXXXXX)}
INPUT_MB=${INPUT_MB:-100}
RUNS=${RUNS:-3}
INPUT="$WORK/input"
MVN_FLAGS=${MVN_FLAGS:-}
TAR=(tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$INPUT" -cf - .)

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b < a) ? b : a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
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

run_ours() {
    rm -f "$WORK/ours.aci"
    java -Xmx256m -cp "$CLASSPATH_BENCH" dev.stage1kvm.bench.AciWriteBench "$INPUT" "$WORK/ours.aci" \
        > "$WORK/ours.txt"
}

run_gzip() { "${TAR[@]}" | gzip -6 > "$WORK/tar-gzip.tar.gz"; }
run_pigz() { "${TAR[@]}" | pigz -6 > "$WORK/tar-pigz.tar.gz"; }

# Prints "wall cpu" in seconds; cpu is user + system time of the command and its children.
timed() {
    local start cpu
    start=$(now)
    cpu=$( { TIMEFORMAT='%U %S'; time "$@"; } 2>&1 >/dev/null | awk '{ printf "%.2f", $1 + $2 }')
    echo "$(elapsed "$start" "$(now)") $cpu"
}

build_input
CLASSPATH_BENCH=$(build_classpath)
echo "input: $(du -sb "$INPUT" | cut -f1) bytes in $(find "$INPUT" -type f | wc -l) files; cores: $(nproc);" \
    "load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "note: wall-time ratios mean something only on otherwise idle cores; the cpu column shows the work each did"
"${TAR[@]}" > /dev/null # warms the page cache so that every contender reads from memory

HAVE_PIGZ=$(command -v pigz > /dev/null && echo yes || echo no)
best_ours="" best_gzip="" best_pigz=""
for round in $(seq 1 "$RUNS"); do
    # Odd rounds start with ours, even rounds with tar|gzip, so that neither always meets the same load.
    if [ $((round % 2)) -eq 1 ]; then
        read -r t_ours c_ours < <(timed run_ours)
        read -r t_gzip c_gzip < <(timed run_gzip)
    else
        read -r t_gzip c_gzip < <(timed run_gzip)
        read -r t_ours c_ours < <(timed run_ours)
    fi
    line="round $round: ours ${t_ours}s wall ${c_ours}s cpu (write $(sed -n 's/^ours.write_ms=//p' "$WORK/ours.txt") ms,"
    line+=" peak heap $(sed -n 's/^ours.peak_heap_mib=//p' "$WORK/ours.txt") MiB); tar|gzip -6 ${t_gzip}s wall ${c_gzip}s cpu"
    best_ours=$(min "$best_ours" "$t_ours")
    best_gzip=$(min "$best_gzip" "$t_gzip")
    if [ "$HAVE_PIGZ" = yes ]; then
        read -r t_pigz c_pigz < <(timed run_pigz)
        best_pigz=$(min "$best_pigz" "$t_pigz")
        line+="; tar|pigz -6 ${t_pigz}s wall ${c_pigz}s cpu"
    fi
    echo "$line; load $(cut -d' ' -f1 /proc/loadavg)"
done

echo "--- last run of ours:"
sed 's/^/  /' "$WORK/ours.txt"
echo "--- best of $RUNS (wall time, fresh JVM with -Xmx256m for ours):"
echo "ours:          ${best_ours}s  $(size_of "$WORK/ours.aci") bytes"
echo "tar | gzip -6: ${best_gzip}s  $(size_of "$WORK/tar-gzip.tar.gz") bytes"
if [ "$HAVE_PIGZ" = yes ]; then
    echo "tar | pigz -6: ${best_pigz}s  $(size_of "$WORK/tar-pigz.tar.gz") bytes"
    echo "ratio tar|pigz / ours: $(ratio "$best_pigz" "$best_ours")"
else
    echo "tar | pigz -6: skipped, pigz is not installed (apt-get install pigz)"
fi
echo "ratio tar|gzip / ours: $(ratio "$best_gzip" "$best_ours") (target >= 1.5)"
echo "work folder: $WORK"
