// The build failed on its settings, said why for each (the function and the setting), and wrote
// nothing.
def log = new File(basedir, 'build.log').text
[
  'The portable functions build settings have 7 problems:',
  "- <function> 'singup' names no function of this project. The project has: nightly (a schedule event function), signup (a message function)",
  "- function signup (a message function): <aws><trigger> 'kafka' is not an AWS trigger; use one of http, sqs, sns, kinesis, dynamodb, s3, schedule, eventbridge, none",
  '- function signup (a message function): <azure><queue> is required by the serviceBusQueue trigger',
  '- function signup (a message function): <azure><connection> is required by the serviceBusQueue trigger',
  "- function nightly (a schedule event function): <schedule> is required: a five-field cron expression in UTC, such as '30 2 * * *' (or <aws><schedule> in AWS syntax)",
  "- function nightly (a schedule event function): <schedule> is required: a five-field cron expression in UTC, such as '30 2 * * *' (or <azure><schedule>, a six-field NCRONTAB expression)",
  "- function nightly (a schedule event function): <schedule> is required: a five-field cron expression in UTC, such as '30 2 * * *'\n",
].each { expected ->
  assert log.contains(expected) : "the build log does not say: $expected"
}
assert !(log =~ /(?m)^\s+at [a-z]/) : 'a settings problem is a message, not a stack trace'
assert !new File(basedir, 'target/portable').exists() : 'nothing may be written'
true
