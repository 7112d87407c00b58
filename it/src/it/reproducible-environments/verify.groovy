// Builds the same project again in another folder, under umask 077, in Tokyo time and a Turkish locale, and expects
// the same image IDs as the first build (umask 022, UTC, C).
def ids(File project) {
    ['lkvm', 'qemu'].collect { new File(project, "target/stage1-kvm-${it}.aci.id").text.trim() }
}

def second = new File(basedir.parentFile, 'reproducible-environments-again')
second.deleteDir()
second.mkdirs()
['pom.xml', 'test.properties'].each { new File(second, it).text = new File(basedir, it).text }
// The same repository id as the invoker's settings, so that what it downloaded counts as available.
new File(second, 'settings.xml').text = new File(basedir, '../../../src/it/settings.xml').text
        .replace('@localRepositoryUrl@', localRepositoryPath.toURI().toString())
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
def command = "umask 077 && sh ../common/make-fixtures.sh && '${mvn}' -o -B -s settings.xml" +
        " -Dmaven.repo.local='${localRepositoryPath}' -Dhypervisors=lkvm,qemu package > build.log 2>&1"
def environment = System.getenv().findAll { !(it.key in ['LANG', 'LC_ALL', 'TZ', 'MAVEN_OPTS']) }
environment += [TZ: 'Asia/Tokyo', LANG: 'tr_TR.UTF-8',
                MAVEN_OPTS: '-Duser.language=tr -Duser.country=TR -Duser.timezone=Asia/Tokyo']
def process = ['sh', '-c', command].execute(environment.collect { k, v -> "${k}=${v}" }, second)
process.waitForProcessOutput(System.out, System.err)
assert process.exitValue() == 0 : new File(second, 'build.log').text
assert new File(second, 'fixtures/kernel').text && ('ls -l fixtures/kernel'.execute(null, second).text.startsWith('-rw-------'))
assert ids(second) == ids(basedir)
assert ids(basedir).every { it ==~ /sha512-[0-9a-f]{128}/ }
return true
