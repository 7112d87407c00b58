def log = new File(basedir, 'build.log').text
assert log.contains("<input> ${basedir.canonicalPath}/fixtures/override: <target> '/etc/../../x' must not contain '..'")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
