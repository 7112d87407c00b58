// A <lkvmCommit> the repository does not hold fails naming the commit and the repository; no image is written.
def log = new File(basedir, 'build.log').text
assert log =~ /<lkvmSource>: commit 0123456789abcdef0123456789abcdef01234567 is not in \S+\/fixtures\/kvmtool/
assert !new File(basedir, 'target').listFiles()?.any { it.name.contains('.aci') }
return true
