def log = new File(basedir, 'build.log').text
assert log.contains("Invalid <userland> (-Dstage1.userland) 'alpine': expected debian or none")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
