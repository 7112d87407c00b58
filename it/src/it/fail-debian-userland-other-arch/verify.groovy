def log = new File(basedir, 'build.log').text
assert log.contains("<arch> (-Dstage1.arch) 'aarch64' does not go with <userland>debian</userland> (-Dstage1.userland):"
        + " the Debian userland is built for amd64 only")
assert log.contains("use <arch>amd64</arch>, or <userland>none</userland> with your own aarch64 rootfs in <inputs>")
// refused before any step: nothing fetched, nothing written
assert !log.contains('Fetching') && !log.contains('Resolving')
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
