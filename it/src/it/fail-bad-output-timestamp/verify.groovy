def log = new File(basedir, 'build.log').text
assert log.contains("Invalid <outputTimestamp> (project.build.outputTimestamp) 'last tuesday': is neither seconds since 1970 nor an ISO-8601 date")
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
