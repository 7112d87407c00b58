import groovy.json.JsonSlurper

def run(List<String> command) {
    def process = command.execute(null, basedir)
    def out = new StringBuilder(), err = new StringBuilder()
    process.waitForProcessOutput(out, err)
    assert process.exitValue() == 0 : "${command} failed: ${err}"
    return out.toString()
}

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

def lock = new JsonSlurper().parse(new File(basedir, 'stage1-kvm.lock'))
def kernelSource = lock.packages.find { it.name == 'linux-source-6.1' }
assert kernelSource != null && kernelSource.depends == []
assert log.contains('Kernel: built from Debian\'s linux-source-6.1 (no <kernel> or <kernelSource>')
// With a warm kernel cache the kernel is taken from it; with a cold one it compiles once (make bzImage).
assert log =~ /Kernel: (taken from cache|make bzImage)/
assert log.contains('Fetching the default kernel: Debian\'s linux-source-6.1 (pinned in stage1-kvm.lock)')
assert log.contains('Offline (-o): the Debian packages come from the cache')
return true
