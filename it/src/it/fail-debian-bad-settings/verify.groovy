def log = new File(basedir, 'build.log').text
assert log.contains("Invalid <debianSuites> (-Dstage1.debianSuites) 'bookworm/../etc': has 'bookworm/../etc', which is"
        + ' not a suite name')
assert log =~ /Invalid <keyring> \(-Dstage1\.keyring\) '[^']*no-such-keyring\.gpg': does not exist or is not a file/
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
