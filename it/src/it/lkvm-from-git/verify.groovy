import java.nio.ByteBuffer
import java.nio.ByteOrder

// lkvm built from <lkvmSource> at <lkvmCommit> is at /lkvm in the lkvm image only, a statically linked x86-64
// executable, and the build's log is kept in target/stage1-kvm, whether compiled now or taken from the cache.
def run = evaluate(new File(basedir, '../common/run.groovy'))

def log = new File(basedir, 'build.log').text
assert log =~ /lkvm: (make lkvm-static with \d+ jobs|taken from cache)/
assert log =~ /lkvm: build log kept as \S+\/target\/stage1-kvm\/lkvm-build\.log/
def keptLog = new File(basedir, 'target/stage1-kvm/lkvm-build.log')
assert keptLog.length() > 0 && keptLog.text.contains('gcc -static -O2 -o lkvm-static main.c')
assert !new File(basedir, 'target/stage1-kvm.aci').exists()

def qemuNames = run(['tar', '-tzf', 'target/stage1-kvm-qemu.aci']).readLines()
assert qemuNames.contains('rootfs/qemu') && !qemuNames.contains('rootfs/lkvm')
def lkvmListing = run(['tar', '--numeric-owner', '-tvzf', 'target/stage1-kvm-lkvm.aci']).readLines()
assert lkvmListing.any { it ==~ /-rwxr-xr-x 0\/0 .* rootfs\/lkvm/ }
assert !lkvmListing.any { it.endsWith(' rootfs/qemu') }

def extracted = new File(basedir, 'target/extracted')
extracted.mkdirs()
run(['tar', '-xzf', 'target/stage1-kvm-lkvm.aci', '-C', extracted.path, 'rootfs/lkvm'])
def lkvm = new File(extracted, 'rootfs/lkvm')
byte[] bytes = lkvm.bytes
def elf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
// The ELF header (System V ABI, gABI chapter 4): magic, ELFCLASS64, ELFDATA2LSB, e_type ET_EXEC, e_machine EM_X86_64.
assert bytes[0] == 0x7f && new String(bytes, 1, 3, 'US-ASCII') == 'ELF'
assert bytes[4] == 2 && bytes[5] == 1
assert elf.getShort(16) == 2 && elf.getShort(18) == 62
// The program headers (e_phoff at 32, e_phentsize at 54, e_phnum at 56): loadable segments (PT_LOAD 1), but no
// interpreter (PT_INTERP 3) and no dynamic section (PT_DYNAMIC 2): statically linked.
long phoff = elf.getLong(32)
int phentsize = elf.getShort(54) & 0xffff, phnum = elf.getShort(56) & 0xffff
def types = (0..<phnum).collect { elf.getInt((int) (phoff + it * phentsize)) }
assert types.contains(1) && !types.contains(3) && !types.contains(2) : "program header types ${types}"
assert run([lkvm.path]) == 'lkvm fixture\n'

def manifest = run(['tar', '-xzOf', 'target/stage1-kvm-lkvm.aci', 'manifest'])
assert manifest.contains('{"name":"stage1-kvm.dev/hypervisor","value":"lkvm"}')
return true
