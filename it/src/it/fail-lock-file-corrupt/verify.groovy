def log = new File(basedir, 'build.log').text
assert log =~ /stage1-kvm\.lock line \d+: not a valid lock file, .*\. Fix it, or delete it to resolve the packages/
assert !log.contains('Resolving')
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
