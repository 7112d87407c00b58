def log = new File(basedir, 'build.log').text
assert log.contains("Invalid <arch> (-Dstage1.arch) 'x86_64': is not supported, expected one of amd64, aarch64")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
