def log = new File(basedir, 'build.log').text
assert log.contains("<kernel>: '${basedir.canonicalPath}/fixtures/kernel' is not a bzImage")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
