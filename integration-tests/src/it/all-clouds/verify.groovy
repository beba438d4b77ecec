// What `mvn package` wrote; AllCloudsIT runs it in the real runtimes afterwards.
def portable = new File(basedir, 'target/portable')
['aws/orders-1.0.zip', 'aws/template.yaml', 'azure/orders-1.0.zip', 'azure/app/host.json',
 'azure/app/greet/function.json', 'azure/app/welcome/function.json',
 'azure/app/signup/function.json', 'azure/app-settings.json', 'gcp/deploy.sh',
 'gcp/function/orders-1.0.jar', 'container/image.tar', 'container/knative.yaml',
 'container/kubernetes.yaml'].each { path ->
  assert new File(portable, path).isFile() : "missing target/portable/$path"
}
def log = new File(basedir, 'build.log').text
['RequireUpperBoundDeps', 'DependencyConvergence'].each { rule ->
  assert log.contains("${rule} passed") : "the rule $rule did not pass"
}
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0\n')
true
