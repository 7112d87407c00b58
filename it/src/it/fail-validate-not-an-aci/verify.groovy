def log = new File(basedir, 'build.log').text
assert log.contains("${basedir.canonicalPath}/fixtures/kernel: at byte offset 0 of the tar: not an ACI: first bytes")
