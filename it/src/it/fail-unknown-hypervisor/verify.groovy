def log = new File(basedir, 'build.log').text
assert log.contains("Invalid <hypervisors> (-Dhypervisors) 'kvmtool': unknown hypervisor 'kvmtool', expected one of lkvm, qemu")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
