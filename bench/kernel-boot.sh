#!/usr/bin/env bash
# Boots a stage1 image's kernel under TCG with a busybox folder as its read-only 9p root, whose init prints a marker
# and powers off; RUNS boots per machine type (microvm with the host's TSC rate, and q35). Prints each boot's time
# from starting QEMU to the marker and to QEMU's exit, then the medians.
# Usage, from the repository root, after `./mvnw verify -pl it -am -Dinvoker.test=default-image` built the image:
#   bench/kernel-boot.sh [STAGE1.aci]     # RUNS=10 by default
set -euo pipefail
image=${1:-it/target/it/default-image/target/stage1-kvm.aci}
runs=${RUNS:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$image" -C "$work" rootfs/kernel_image
mkdir -p "$work/root/bin" "$work/root/proc" "$work/root/dev"
cp /bin/busybox "$work/root/bin/busybox"
cat > "$work/root/init" <<'INIT'
#!/bin/busybox sh
echo bench-kernel-marker
/bin/busybox poweroff -f
INIT
chmod 755 "$work/root/init"
# the rate the kernel calibrated its TSC with (x86 /proc/cpuinfo "cpu MHz"), as the launcher's HostTsc reads it
tsc_khz=$(awk -F: '/^cpu MHz/ { printf "%d", $2 * 1000; exit }' /proc/cpuinfo)

boot() { # machine device extra-params
  local start marker=""
  start=$(date +%s.%N)
  while IFS= read -r line; do
    if [ -z "$marker" ] && [[ $line == *bench-kernel-marker* ]]; then marker=$(date +%s.%N); fi
  done < <(qemu-system-x86_64 -accel tcg -machine "$1" -cpu max -m 256 -nodefaults -no-user-config -nographic \
    -no-reboot -serial stdio -kernel "$work/rootfs/kernel_image" \
    -append "root=root rootfstype=9p rootflags=trans=virtio,version=9p2000.L ro console=ttyS0 panic=-1 quiet init=/init $3" \
    -fsdev "local,id=root,path=$work/root,security_model=none,readonly=on" -device "$2,fsdev=root,mount_tag=root" </dev/null 2>&1)
  printf '%.2f %.2f\n' "$(echo "$marker - $start" | bc)" "$(echo "$(date +%s.%N) - $start" | bc)"
}

median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "| machine | median to marker | median to QEMU exit | runs |"
echo "|---|---|---|---|"
for machine in microvm q35; do
  device=virtio-9p-pci; extra=""
  if [ $machine = microvm ]; then device=virtio-9p-device; extra="tsc_early_khz=$tsc_khz"; fi
  : > "$work/times"
  for _ in $(seq "$runs"); do boot $machine $device "$extra" >> "$work/times"; done
  echo "| $machine | $(cut -d' ' -f1 "$work/times" | median) s | $(cut -d' ' -f2 "$work/times" | median) s | $runs (marker: $(cut -d' ' -f1 "$work/times" | tr '\n' ' ')) |"
done
