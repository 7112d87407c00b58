#!/bin/sh
# Builds the amd64 stage1 kernel through KernelBuilder (cold the first time, a cache hit after) and prints wall time.
# Usage, from the repository root:
#   nice -n 19 bench/kernel-build.sh [/usr/src/linux-source-6.1.tar.xz]
set -eu
./mvnw -q -o -pl stage1-kvm-core -am compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/target/bench-classpath.txt"
exec java -cp "stage1-kvm-core/target/classes:$(cat target/bench-classpath.txt)" bench/KernelBuildBench.java "$@"
