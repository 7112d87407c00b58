def log = new File(basedir, 'build.log').text
assert log.contains("Invalid <outputDirectory> (-Dstage1.outputDirectory) '${basedir.canonicalPath}/pom.xml/images': cannot be created")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
