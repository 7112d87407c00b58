def log = new File(basedir, 'build.log').text
assert log.contains('Offline (-o): the Debian packages come from the cache empty-cache/stage1-kvm')
assert log.contains('Offline, and http://deb.debian.org/debian/dists/bookworm/InRelease is not in the cache.' +
        ' Run ./mvnw stage1-kvm:fetch once while online to fill the cache.')
assert !new File(basedir, 'stage1-kvm.lock').exists()
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
