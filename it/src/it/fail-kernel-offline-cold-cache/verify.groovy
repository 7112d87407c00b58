def log = new File(basedir, 'build.log').text
assert log.contains('Kernel: built from Debian\'s linux-source-6.1 (no <kernel> or <kernelSource>')
assert log.contains('Offline, and linux-source-6.1=6.1.192-3/all from http://deb.debian.org/debian/pool/updates/main/l/'
        + 'linux/linux-source-6.1_6.1.192-3_all.deb is not in the cache (SHA-256 '
        + '5259c57ca92092da39bd2ea803046da0e3c28f2b6a11ea20f6297468188ceb67, expected at ')
assert log =~ /expected at \/\S+\/empty-cache\/stage1-kvm\/blobs\/sha256\/52\/5259c57c/
assert log.contains('Run ./mvnw stage1-kvm:fetch once while online to fill the cache.')
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
