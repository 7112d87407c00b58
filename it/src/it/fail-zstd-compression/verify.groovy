def log = new File(basedir, 'build.log').text
assert log.contains("Invalid <compression> (-Dstage1.compression): ")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
