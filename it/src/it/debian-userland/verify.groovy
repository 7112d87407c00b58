import groovy.json.JsonSlurper

def run = evaluate(new File(basedir, '../common/run.groovy'))

def log = new File(basedir, 'build.log').text
def image = 'target/stage1-kvm.aci'
def names = run(['tar', '-tzf', image]).readLines()
assert names.contains('rootfs/usr/lib/systemd/systemd')
assert names.contains('rootfs/qemu')
assert names.contains('rootfs/usr/lib/x86_64-linux-gnu/qemu/accel-tcg-x86_64.so')
assert names.contains('rootfs/usr/share/qemu/bios-256k.bin')
assert !names.any { it.startsWith('rootfs/usr/lib/systemd/system-generators/') }

def manifest = new JsonSlurper().parseText(run(['tar', '-xzOf', image, 'manifest']))
def annotations = manifest.annotations.collectEntries { [(it.name): it.value] }
assert annotations['stage1-kvm.dev/loader'] == '/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2'
assert annotations['stage1-kvm.dev/library-path'] == '/usr/lib/x86_64-linux-gnu'

def lock = new JsonSlurper().parse(new File(basedir, 'stage1-kvm.lock'))
assert lock.toString().contains('qemu-system-x86')
assert log.contains('Unpacking the 35 packages of packages.list and merging /usr')
assert log.contains('Finding the libraries of /qemu and /usr/lib/x86_64-linux-gnu/qemu/accel-tcg-x86_64.so')
assert log =~ /stage1-kvm\.aci: [0-9.]+ MB, sha512-[0-9a-f]{128}/
return true
