// For verify scripts: def run = evaluate(new File(basedir, '../common/run.groovy')) gives run([...]), which runs a
// command in the project's folder, fails the script when it exits non-zero, and returns what it printed.
return { List<String> command ->
    def process = command.execute(null, basedir)
    def out = new StringBuilder(), err = new StringBuilder()
    process.waitForProcessOutput(out, err)
    assert process.exitValue() == 0 : "${command} failed: ${err}"
    return out.toString()
}
