def log = new File(basedir, 'build.log').text
assert log.contains("an <input> has no <source>; name the folder or file to map")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
