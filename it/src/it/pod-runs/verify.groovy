// The image the pod tests boot: a real kernel, systemd and QEMU, and the guest's own scripts.
def names = ['tar', '-tzf', 'target/stage1-kvm.aci'].execute(null, basedir).text.readLines()
assert names.contains('rootfs/kernel_image')
assert names.contains('rootfs/usr/lib/stage1-kvm/init')
assert names.contains('rootfs/usr/lib/stage1-kvm/app-exit')
def manifest = ['tar', '-xzOf', 'target/stage1-kvm.aci', 'manifest'].execute(null, basedir).text
assert manifest.contains('"stage1-kvm.dev/init"')
return true
