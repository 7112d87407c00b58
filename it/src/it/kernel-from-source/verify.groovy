// The kernel comes from <kernelSource>: configured with the project's fragment, checked, "compiled", cached.
def log = new File(basedir, 'build.log').text
assert log =~ /Kernel: (make bzImage|taken from cache)/
// The full log is kept beside the image, also when the kernel came from the cache.
assert log =~ /Kernel: build log kept as \S+\/target\/stage1-kvm\/kernel-build\.log/
def keptLog = new File(basedir, 'target/stage1-kvm/kernel-build.log')
assert keptLog.length() > 0 && keptLog.text.contains('CC      init/main.o')
def manifest = ['tar', '-xzOf', 'target/stage1-kvm.aci', 'manifest'].execute(null, basedir).text
assert manifest.contains('{"name":"kernelversion","value":"6.1.0-fixture"}')
return true
