// Creates each project's inputs: common/make-fixtures.sh, then the project's own extra-fixtures.sh if it has one.
def run(String command) {
    def process = ['sh', '-c', "umask 022 && ${command}"].execute(null, basedir)
    process.waitForProcessOutput(System.out, System.err)
    assert process.exitValue() == 0 : command
}
run("sh '${new File(basedir, '../common/make-fixtures.sh')}'")
if (new File(basedir, 'extra-fixtures.sh').exists()) {
    run('sh extra-fixtures.sh')
}
return true
