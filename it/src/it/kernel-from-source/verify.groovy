// The kernel comes from <kernelSource>: configured with the project's fragment, checked, "compiled", cached.
def log = new File(basedir, 'build.log').text
assert log =~ /Kernel: (make bzImage|taken from cache)/
def manifest = ['tar', '-xzOf', 'target/stage1-kvm.aci', 'manifest'].execute(null, basedir).text
assert manifest.contains('{"name":"kernelversion","value":"6.1.0-fixture"}')
return true
