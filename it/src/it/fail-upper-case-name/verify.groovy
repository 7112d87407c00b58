def log = new File(basedir, 'build.log').text
assert log.contains("Invalid <name> (-Dstage1.name) 'CoreOS.com/rkt/stage1-kvm': must be lower case (try 'coreos.com/rkt/stage1-kvm')")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
