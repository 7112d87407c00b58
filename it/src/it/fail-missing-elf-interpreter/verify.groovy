def log = new File(basedir, 'build.log').text
assert log.contains("/usr/bin/true needs the ELF interpreter /lib64/ld-linux-x86-64.so.2, which the rootfs lacks")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
