import groovy.json.JsonSlurper

def run = evaluate(new File(basedir, '../common/run.groovy'))

def log = new File(basedir, 'build.log').text
assert !new File(basedir, 'target/stage1-kvm.aci').exists()
for (hv in ['lkvm', 'qemu']) {
    def image = "target/stage1-kvm-${hv}.aci"
    assert new File(basedir, image).isFile()
    def id = new File(basedir, image + '.id').text.trim()
    assert id ==~ /sha512-[0-9a-f]{128}/

    // The image ID is the SHA-512 of the uncompressed tar.
    assert run(['sh', '-c', "gzip -dc ${image} | sha512sum"]).split(' ')[0] == id - 'sha512-'

    // Layout: root:root, sorted names, one mtime, links kept, long names intact.
    def listing = run(['tar', '--numeric-owner', '-tvzf', image]).readLines()
    def names = run(['tar', '-tzf', image]).readLines()
    assert names[0] == 'manifest' && names[1] == 'rootfs/'
    assert names.every { it == 'manifest' || it.startsWith('rootfs/') }
    assert names.toSet().size() == names.size()
    assert listing.every { it.split(/\s+/)[1] == '0/0' }
    assert listing.collect { it.split(/\s+/)[3..4].join(' ') }.toSet() == ['2026-02-03 04:05'].toSet()
    assert listing.any { it.contains('rootfs/lib -> usr/lib') }
    assert listing.any { it.contains('rootfs/usr/lib/libexample.so.1 link to rootfs/usr/lib/libexample-hardlink.so.1') }
    assert names.contains('rootfs/usr/lib/a-folder-name-long-enough-to-need-posix-long-names/' +
            'and-another-level-that-makes-it-even-longer/file-with-a-long-name-as-well.txt')
    assert names.contains("rootfs/${hv}".toString())
    assert !names.contains("rootfs/${hv == 'qemu' ? 'lkvm' : 'qemu'}".toString())
    assert names.contains('rootfs/kernel_image') && names.contains('rootfs/init')

    def manifest = new JsonSlurper().parseText(run(['tar', '-xzOf', image, 'manifest']))
    assert manifest.acKind == 'ImageManifest' && manifest.acVersion == '0.8.11'
    assert manifest.name == 'coreos.com/rkt/stage1-kvm'
    assert manifest.labels == [[name: 'version', value: '1.2.3'], [name: 'arch', value: 'amd64'], [name: 'os', value: 'linux'],
                              [name: 'kernelversion', value: '6.1.0-fixture']]
    def annotations = manifest.annotations.collectEntries { [(it.name): it.value] }
    assert annotations['coreos.com/rkt/stage1/run'] == '/init'
    assert annotations['coreos.com/rkt/stage1/enter'] == '/enter_kvm'
    assert annotations['coreos.com/rkt/stage1/interface-version'] == '6'
    assert annotations['stage1-kvm.dev/hypervisor'] == hv

    def osRelease = run(['tar', '-xzOf', image, 'rootfs/etc/os-release'])
    assert osRelease == (hv == 'qemu' ? 'ID=stage1-qemu\n' : 'ID=stage1\n')

    // The last lines of the log name each image with its size and image ID.
    assert log =~ /stage1-kvm-${hv}\.aci: [0-9.]+ kB, ${id}/
}
assert log.contains('Entry timestamps 2026-02-03T04:05:06Z (from outputTimestamp)')
assert log =~ /Validated .*stage1-kvm-qemu\.aci/
return true
