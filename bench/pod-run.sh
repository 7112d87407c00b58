#!/bin/sh
# Times pods: `stage1-kvm run` against the bare hypervisor command it starts (the same kernel, rootfs, pod share and
# argv, taken from `run --debug --keep`), alternating, RUNS times each; prints medians and the launcher's overhead.
# Usage, from the repository root, after `./mvnw verify -pl it -am -Dinvoker.test=default-image` built the image:
#   bench/pod-run.sh [STAGE1.aci]          # RUNS=10 by default
set -eu
image=${1:-it/target/it/default-image/target/stage1-kvm.aci}
jar=$(ls stage1-kvm-launcher/target/stage1-kvm-launcher-*-all.jar 2>/dev/null | head -1)
[ -f "$image" ] || { echo "no stage1 image at $image: build it with ./mvnw verify -pl it -am -Dinvoker.test=default-image" >&2; exit 2; }
[ -n "$jar" ] || { echo "no launcher jar: run ./mvnw package -pl stage1-kvm-launcher -am -DskipTests" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/app/rootfs/bin"
cp /bin/busybox "$work/app/rootfs/bin/busybox"
cat > "$work/app/manifest" <<'JSON'
{"acKind":"ImageManifest","acVersion":"0.8.11","name":"example.com/bench",
 "labels":[{"name":"arch","value":"amd64"},{"name":"os","value":"linux"}],
 "app":{"exec":["/bin/busybox","sh","-c","echo bench-app-output"],"user":"0","group":"0"}}
JSON
tar -C "$work/app" -czf "$work/bench.aci" manifest rootfs
export STAGE1_KVM_JAR=$jar
java bench/PodRunBench.java stage1-kvm-launcher/src/main/sh/stage1-kvm "$image" "$work/bench.aci" "${RUNS:-10}"
