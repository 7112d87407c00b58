def log = new File(basedir, 'build.log').text
assert log.contains("<kernel>: '${basedir.canonicalPath}/fixtures/no-such-kernel' does not exist or is neither a file nor a folder")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
