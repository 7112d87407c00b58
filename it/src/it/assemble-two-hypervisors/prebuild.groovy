def process = ['sh', '-c', 'umask 022 && sh make-fixtures.sh'].execute(null, basedir)
process.waitForProcessOutput(System.out, System.err)
assert process.exitValue() == 0
