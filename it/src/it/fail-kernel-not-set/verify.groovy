def log = new File(basedir, 'build.log').text
assert log.contains("<kernel> is not set; point it (or -Dstage1.kernel) at the kernel image")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
