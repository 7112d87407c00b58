def log = new File(basedir, 'build.log').text
assert log.contains('Cannot fetch http://127.0.0.1:9/debian/dists/bookworm/InRelease: java.net.ConnectException')
assert log.contains('Check the network or proxy settings, or build offline (-o) from a cache filled by'
        + ' ./mvnw stage1-kvm:fetch.')
assert !new File(basedir, 'stage1-kvm.lock').exists()
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
