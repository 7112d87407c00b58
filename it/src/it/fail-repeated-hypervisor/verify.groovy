def log = new File(basedir, 'build.log').text
assert log.contains("Invalid <hypervisors> (-Dhypervisors) 'qemu,lkvm,qemu': names 'qemu' twice")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
