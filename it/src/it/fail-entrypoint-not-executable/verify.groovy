def log = new File(basedir, 'build.log').text
assert log.contains("<entrypoints>: folder '${basedir.canonicalPath}/fixtures/entrypoints': 'gc' is not executable")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
