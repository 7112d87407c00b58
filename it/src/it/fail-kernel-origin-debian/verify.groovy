// Debian's prebuilt kernel is a parameter value already, but not built yet: the build stops before fetching anything.
def log = new File(basedir, 'build.log').text
assert log.contains('<kernelOrigin>debian</kernelOrigin> (-Dstage1.kernelOrigin=debian), Debian\'s prebuilt kernel,'
        + ' is not available yet; build the kernel (source, the default) or set <kernel> to a bzImage')
assert !log.contains('Fetching')
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
