// Nothing is fetched: the conflict is found before the build starts.
def log = new File(basedir, 'build.log').text
assert log.contains("<kernelOrigin>debian</kernelOrigin> (-Dstage1.kernelOrigin=debian) takes Debian's prebuilt"
        + " kernel, but <kernel> is set too; remove <kernel>, or set <kernelOrigin>source</kernelOrigin>"
        + " (-Dstage1.kernelOrigin=source)")
assert !log.contains('Fetching the Debian packages')
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
