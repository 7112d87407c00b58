def log = new File(basedir, 'build.log').text
assert log.contains("<hypervisor> unknown hypervisor 'xen', expected one of lkvm, qemu")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
