def log = new File(basedir, 'build.log').text
assert log.contains("<entrypoints>: folder '${basedir.canonicalPath}/fixtures/entrypoints': 'attach' is missing")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
