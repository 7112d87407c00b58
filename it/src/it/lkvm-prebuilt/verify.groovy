// A prebuilt static lkvm (<lkvm>) is at /lkvm in the lkvm image only, byte for byte, executable; the qemu image
// has none.
import java.security.MessageDigest

def run = evaluate(new File(basedir, '../common/run.groovy'))
def sha256 = { byte[] bytes -> MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex().toString() }

def qemuNames = run(['tar', '-tzf', 'target/stage1-kvm-qemu.aci']).readLines()
assert qemuNames.contains('rootfs/qemu') && !qemuNames.contains('rootfs/lkvm')
def lkvmListing = run(['tar', '--numeric-owner', '-tvzf', 'target/stage1-kvm-lkvm.aci']).readLines()
assert lkvmListing.any { it ==~ /-rwxr-xr-x 0\/0 .* rootfs\/lkvm/ }

def extracted = new File(basedir, 'target/extracted')
extracted.mkdirs()
run(['tar', '-xzf', 'target/stage1-kvm-lkvm.aci', '-C', extracted.path, 'rootfs/lkvm'])
def lkvm = new File(extracted, 'rootfs/lkvm')
assert sha256(lkvm.bytes) == sha256(new File(basedir, 'fixtures/lkvm-static').bytes)
assert run([lkvm.path]) == 'prebuilt lkvm\n'
def manifest = run(['tar', '-xzOf', 'target/stage1-kvm-lkvm.aci', 'manifest'])
assert manifest.contains('{"name":"stage1-kvm.dev/hypervisor","value":"lkvm"}')
return true
