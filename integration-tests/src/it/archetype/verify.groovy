// Runs after both builds: checks what the generated project is and what its build produced.
def expected = binding.hasVariable('expectedMavenVersion') ? expectedMavenVersion : null
if (expected != null) {
  assert mavenVersion == expected : "built with Maven $mavenVersion, not $expected"
}
def project = new File(basedir, 'my-functions')

def pom = new File(project, 'pom.xml').text
assert !pom.contains('<parent>') : 'the generated project must stand alone'
assert pom.contains("<portable-functions.version>${portableFunctionsVersion}</portable-functions.version>") :
    'the generated project must pin the archetype\'s own version'
assert new File(project, 'src/main/java/com/example/functions/Greet.java').isFile()
assert new File(project, '.gitignore').text.contains('target/')
assert new File(project, 'README.md').isFile()

def report = new File(project, 'target/surefire-reports/TEST-com.example.functions.GreetTest.xml')
assert report.isFile() : "no test report: $report"
def suite = new groovy.xml.XmlSlurper().parse(report)
assert suite.@tests.toInteger() == 2 : "expected 2 tests, ran ${suite.@tests}"
assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0 && suite.@skipped.toInteger() == 0

['aws', 'azure', 'gcp'].each { cloud ->
  def dir = new File(project, "target/portable/$cloud")
  assert dir.isDirectory() : "missing $dir"
  assert dir.list().length > 0 : "empty $dir"
}
true
