def log = new File(basedir, 'build.log').text
assert log.contains("symlink '${basedir.canonicalPath}/fixtures/common/etc/escape' -> '../../../etc/passwd' points outside the rootfs")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
