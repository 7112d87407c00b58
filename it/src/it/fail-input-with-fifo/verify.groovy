def log = new File(basedir, 'build.log').text
assert log.contains("'${basedir.canonicalPath}/fixtures/common/etc/pipe' is a device, socket or pipe")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
