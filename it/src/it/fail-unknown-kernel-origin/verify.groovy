def log = new File(basedir, 'build.log').text
assert log.contains("Invalid <kernelOrigin> (-Dstage1.kernelOrigin) 'ubuntu': expected source or debian")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
