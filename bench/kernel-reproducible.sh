#!/bin/sh
# Builds the amd64 stage1 kernel cold, twice, each time in a cache and work folder of its own (so the source sits at a
# different path), and compares the two bzImage files byte for byte. A kernel already in ~/.cache/stage1-kvm/kernel
# for the same inputs counts as the first build: then only one more compile runs.
# Usage, from the repository root (about 22 minutes per cold build on 2 idle cores):
#   nice bench/kernel-reproducible.sh TARBALL       # e.g. /usr/src/linux-source-6.1.tar.xz
set -eu
tarball=${1:?name the kernel source tarball}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./mvnw -q -o -pl stage1-kvm-core -am compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/target/bench-classpath.txt"
classpath="stage1-kvm-core/target/classes:$(cat target/bench-classpath.txt)"

cached=$(java -cp "$classpath" bench/KernelBuildBench.java --cached-only "$tarball" | sed -n 's/^cached: //p')
if [ "$cached" != none ]; then
  first=$cached
  echo "first build: the cached kernel $first"
else
  XDG_CACHE_HOME="$work/first" java -cp "$classpath" bench/KernelBuildBench.java "$tarball" | tee "$work/first.out"
  first=$(sed -n 's/^image: //p' "$work/first.out")
fi
XDG_CACHE_HOME="$work/second" java -cp "$classpath" bench/KernelBuildBench.java "$tarball" | tee "$work/second.out"
second=$(sed -n 's/^image: //p' "$work/second.out")

echo "first:  $(sha256sum < "$first" | cut -d' ' -f1)  $(stat -c %s "$first") bytes"
echo "second: $(sha256sum < "$second" | cut -d' ' -f1)  $(stat -c %s "$second") bytes"
if cmp -s "$first" "$second"; then
  echo "reproducible: the two bzImage files are identical"
else
  echo "NOT reproducible: $(cmp -l "$first" "$second" | wc -l) bytes differ; the first differences (offset, octal):"
  cmp -l "$first" "$second" | head -20
  exit 1
fi
