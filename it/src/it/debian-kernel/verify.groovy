// Debian's generic kernel at /kernel_image and an initramfs of busybox and its 9p/virtio modules at /initrd.img.
import groovy.json.JsonSlurper

def run = evaluate(new File(basedir, '../common/run.groovy'))

def log = new File(basedir, 'build.log').text
def image = 'target/stage1-kvm.aci'
def names = run(['tar', '-tzf', image]).readLines()
assert names.containsAll(['rootfs/kernel_image', 'rootfs/initrd.img', 'rootfs/qemu', 'rootfs/etc/os-release'])

// The kernel is a bzImage: boot.rst's "HdrS" at 0x202; the initrd a gzip-compressed newc cpio archive.
run(['sh', '-c', "mkdir -p target/x && tar -xzf ${image} -C target/x rootfs/kernel_image rootfs/initrd.img"])
def kernel = new File(basedir, 'target/x/rootfs/kernel_image').bytes
assert new String(kernel, 0x202, 4, 'US-ASCII') == 'HdrS'
def initrd = run(['sh', '-c', 'gzip -dc target/x/rootfs/initrd.img | cpio -it --quiet']).readLines()
assert initrd.containsAll(['init', 'bin/busybox', 'bin/sh', 'bin/switch_root', 'dev/console', 'lib/modules/load.order',
                           'lib/modules/9p.ko', 'lib/modules/9pnet_virtio.ko', 'lib/modules/virtio_console.ko'])
def unpackOrder = 'gzip -dc target/x/rootfs/initrd.img | cpio -i --quiet --to-stdout lib/modules/load.order'
def order = run(['sh', '-c', unpackOrder]).readLines()
assert order.indexOf('virtio_ring') < order.indexOf('virtio') && order.indexOf('netfs') < order.indexOf('9p')

def manifest = new JsonSlurper().parseText(run(['tar', '-xzOf', image, 'manifest']))
def labels = manifest.labels.collectEntries { [(it.name): it.value] }
def annotations = manifest.annotations.collectEntries { [(it.name): it.value] }
assert labels['kernelversion'] ==~ /6\.1\.0-\d+-amd64/
assert annotations['stage1-kvm.dev/kernel'] == '/kernel_image'
assert annotations['stage1-kvm.dev/initrd'] == '/initrd.img'
assert annotations['stage1-kvm.dev/kernel-version'] == labels['kernelversion']

def lock = new JsonSlurper().parse(new File(basedir, 'stage1-kvm.lock'))
def pinned = lock.packages*.name
assert pinned.containsAll(['linux-image-amd64', "linux-image-${labels['kernelversion']}".toString(), 'busybox-static'])
// one lock file pins every package any configuration takes, so switching the kernel needs no new resolution
assert pinned.containsAll(['systemd', 'linux-source-6.1'])

assert log.contains("Kernel: Debian's generic kernel and an initramfs of its 9p and virtio modules"
        + ' (<kernelOrigin>debian</kernelOrigin> (-Dstage1.kernelOrigin=debian))')
assert log =~ /Writing the initramfs: busybox, 13 modules, \/init/ ||
        log =~ /Kernel and initramfs of linux-image-\S+: taken from cache/
assert log =~ /Validated .*stage1-kvm\.aci/
return true
