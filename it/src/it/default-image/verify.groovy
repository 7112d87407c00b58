import groovy.json.JsonSlurper

def run = evaluate(new File(basedir, '../common/run.groovy'))

def log = new File(basedir, 'build.log').text
def image = 'target/stage1-kvm.aci'
def names = run(['tar', '-tzf', image]).readLines()
assert names.contains('rootfs/kernel_image')
assert names.contains('rootfs/qemu')
assert names.contains('rootfs/usr/lib/systemd/systemd')
// the guest's own scripts, which the end-to-end tests (PodRunIT and others) boot pods with
assert names.contains('rootfs/usr/lib/stage1-kvm/init')
assert names.contains('rootfs/usr/lib/stage1-kvm/app-exit')

def manifest = new JsonSlurper().parseText(run(['tar', '-xzOf', image, 'manifest']))
def labels = manifest.labels.collectEntries { [(it.name): it.value] }
assert manifest.name == 'coreos.com/rkt/stage1-kvm'
assert labels['version'] == '1.2.3'
assert labels['arch'] == 'amd64'
assert labels['os'] == 'linux'
assert labels['kernelversion'] ==~ /6\.1\.\d+/
def annotations = manifest.annotations.collectEntries { [(it.name): it.value] }
assert annotations['stage1-kvm.dev/init'] == '/usr/lib/stage1-kvm/init'

// The image's QEMU and systemd run on this host through the image's own loader and libraries: --version, then a
// short start of a machine-less QEMU under TCG (its accel module and firmware folder from the image) told to quit.
def rootfs = new File(basedir, 'target/extracted/rootfs')
rootfs.parentFile.mkdirs()
run(['tar', '-xzf', image, '-C', rootfs.parent])
def loader = rootfs.path + annotations['stage1-kvm.dev/loader']
def libraries = rootfs.path + annotations['stage1-kvm.dev/library-path']
def qemu = [loader, '--library-path', libraries, rootfs.path + '/qemu']
assert run(qemu + ['--version']).contains('QEMU emulator version 7.2')
def systemdLibraries = libraries + ':' + rootfs.path + '/usr/lib/x86_64-linux-gnu/systemd'
assert run([loader, '--library-path', systemdLibraries, rootfs.path + '/usr/lib/systemd/systemd', '--version'])
        .startsWith('systemd 252')
def start = new ProcessBuilder(qemu + ['-L', rootfs.path + annotations['stage1-kvm.dev/firmware-dir'],
        '-machine', 'none', '-accel', 'tcg', '-nodefaults', '-display', 'none', '-monitor', 'stdio'])
        .redirectErrorStream(true)
start.environment().put('QEMU_MODULE_DIR', rootfs.path + annotations['stage1-kvm.dev/module-dir'])
def machine = start.start()
machine.outputStream.withWriter { it.write('info version\nquit\n') }
def said = machine.inputStream.text
assert machine.waitFor() == 0 : "the image's QEMU did not start and quit: ${said}"
assert said.contains('7.2') : said

def lock = new JsonSlurper().parse(new File(basedir, 'stage1-kvm.lock'))
def kernelSource = lock.packages.find { it.name == 'linux-source-6.1' }
assert kernelSource != null && kernelSource.depends == []
assert log.contains('Kernel: built from Debian\'s linux-source-6.1 (no <kernel> or <kernelSource>')
// With a warm kernel cache the kernel is taken from it; with a cold one it compiles once (make bzImage).
assert log =~ /Kernel: (taken from cache|make bzImage)/
assert log.contains('Fetching the default kernel: Debian\'s linux-source-6.1 (pinned in stage1-kvm.lock)')
assert log.contains('Offline (-o): the Debian packages come from the cache')
return true
