def log = new File(basedir, 'build.log').text
assert log.contains("<kernel>: '${basedir.canonicalPath}/fixtures/no-such-kernel' does not exist or is not a regular file")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
