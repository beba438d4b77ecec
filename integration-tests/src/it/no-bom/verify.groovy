// Runs after both builds: the first (local adapter only) and the second (with the AWS and Azure
// adapters) each enforced convergence and passed their tests; CloudAdaptersTest ran in the second.
def log = new File(basedir, 'build.log').text
['RequireUpperBoundDeps', 'DependencyConvergence'].each { rule ->
  assert log.count("${rule} passed") == 2 : "the rule $rule did not pass in both builds"
}
assert log.contains('Tests run: 5, Failures: 0, Errors: 0, Skipped: 2\n') : 'the first build\'s tests did not pass'
assert log.contains('Tests run: 5, Failures: 0, Errors: 0, Skipped: 0\n') : 'the second build\'s tests did not pass'
true
