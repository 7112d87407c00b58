def log = new File(basedir, 'build.log').text
assert log.contains('Nothing to fetch: every input of this configuration is on this host')
