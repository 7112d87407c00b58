#!/bin/sh
# Takes Debian's generic kernel and the initramfs through DebianKernelInput (from the cache after the first run), then
# boots them under TCG on the host's QEMU, RUNS times on q35 and on microvm, and prints the time from QEMU's start to
# the marker a busybox /sbin/init prints on the 9p root. With a purpose-built kernel as argument it boots that one
# (no initrd) in alternate runs, so both see the same load.
# Usage, from the repository root:
#   bench/debian-kernel-boot.sh [~/.cache/stage1-kvm/kernel/<digest>/kernel-image]   # RUNS=5, COMPRESSION=gzip|none
set -eu
./mvnw -q -o -pl stage1-kvm-core -am compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/target/bench-classpath.txt"
classpath="stage1-assets/src/main/resources:stage1-kvm-core/target/classes:$(cat target/bench-classpath.txt)"
exec java -cp "$classpath" bench/DebianKernelBootBench.java "$@"
