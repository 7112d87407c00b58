// -Dhypervisors=lkvm,qemu with nothing that provides /lkvm fails before any step runs, naming both ways to give it.
def log = new File(basedir, 'build.log').text
assert log.contains("<hypervisors> (-Dhypervisors) 'lkvm,qemu' asks for an lkvm image, but nothing provides /lkvm:"
        + " set <lkvm> (-Dstage1.lkvm) to a prebuilt, statically linked lkvm, or <lkvmSource> (-Dstage1.lkvmSource)"
        + " and <lkvmCommit> (-Dstage1.lkvmCommit) to a kvmtool git repository and the commit to build it from, e.g."
        + " https://kernel.googlesource.com/pub/scm/linux/kernel/git/will/kvmtool (or a mirror of it) at"
        + " cfae4d64482ed745214e3c62dd84b79c2ae0f325")
assert !log.contains('Checking build tools') && !log.contains('Staging the')
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
return true
