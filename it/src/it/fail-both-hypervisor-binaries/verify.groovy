def log = new File(basedir, 'build.log').text
assert log.contains("the qemu image breaks the stage1 rules: the rootfs must hold exactly one of /lkvm and /qemu, found both")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
