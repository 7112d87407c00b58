def log = new File(basedir, 'build.log').text
assert log.contains("<input> ${basedir.canonicalPath}/fixtures/no-such-folder: '${basedir.canonicalPath}/fixtures/no-such-folder' does not exist")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
