#!/usr/bin/env bash
# Cold start, every harness in one command: process start to first response for each adapter next
# to a raw handler doing the same work, one harness after the other, then their summaries.
#
#   benchmarks/cold-start.sh                 # RUNS=9; MVN="./mvnw -o" offline; SKIP_BUILD=1 to reuse target/
#                                            # CDS=1 adds the AppCDS pass (adapter-aws AppCdsHarness)
#
#   1. AWS: adapter-aws's ColdStartHarness, the real runtime interface client in a Lambda zip's
#      layout, LambdaHandler vs RawEchoHandler (wall, process CPU, classes loaded, warm round trip;
#      paired differences), twice: with Lambda's JVM flags (C1 only, serial GC), then the JVM's own.
#   2. Google: adapter-gcp's ColdStartHarness, the real Functions Framework invoker, GcpHttpFunction
#      vs RawEchoHttp.
#   3. Container: benchmarks/load/cold_start.py, the container server (adapter-container) next to
#      the Functions Framework invoker serving the same echo-http.
#
# No measurement code of its own: it builds, runs the three existing harnesses and keeps their
# output in benchmarks/target/cold-start/*.log. Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-9}
MVN=${MVN:-./mvnw}
JAVA=${JAVA:-java}
C_PORT=${C_PORT:-18080}
I_PORT=${I_PORT:-18081}
LOGS=benchmarks/target/cold-start
mkdir -p "$LOGS"

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== building the adapters, their harnesses' classpaths and samples/echo"
  # process-test-resources (run even with -DskipTests) writes the child classpaths and copies the invoker.
  $MVN -q -pl adapter-aws,adapter-gcp,adapter-container -am install -DskipTests
fi

echo "== 1/3 AWS: the real runtime interface client, LambdaHandler vs raw handler, $RUNS rounds, Lambda's JVM flags"
(cd adapter-aws && "$JAVA" -cp "target/test-classes:target/classes:$(cat target/lambda-child.classpath)" \
    dev.portablefunctions.aws.ColdStartHarness "$RUNS") | tee "$LOGS/aws.log"
echo "== 1/3 AWS again, the JVM's default flags"
(cd adapter-aws && "$JAVA" -Dcoldstart.jvm=default \
    -cp "target/test-classes:target/classes:$(cat target/lambda-child.classpath)" \
    dev.portablefunctions.aws.ColdStartHarness "$RUNS") | tee "$LOGS/aws-default-flags.log"

echo "== 2/3 Google: the real Functions Framework invoker, GcpHttpFunction vs raw HttpFunction, $RUNS rounds"
# The harness's own test classpath (the invoker and the function classpath it finds under target/).
$MVN -q -f adapter-gcp/pom.xml dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/$LOGS/gcp-harness.classpath"
"$JAVA" -cp "adapter-gcp/target/test-classes:adapter-gcp/target/classes:$(cat "$LOGS/gcp-harness.classpath")" \
    dev.portablefunctions.gcp.ColdStartHarness "$RUNS" | tee "$LOGS/gcp.log"

echo "== 3/3 container server vs Functions Framework invoker, $RUNS runs each (interleaved, one discarded run each)"
ECHO_JAR=$(ls samples/echo/target/echo-[0-9]*.jar | grep -v -e '-local' -e 'original-' | head -1)
GCP_JAR=$(ls adapter-gcp/target/adapter-gcp-[0-9]*.jar | grep -v -e '-tests' | head -1)
CONTAINER_CP="adapter-container/target/classes:$(cat adapter-container/target/runtime.classpath):$ECHO_JAR"
INVOKER_JAR=adapter-gcp/target/invoker/java-function-invoker.jar
INVOKER_CP="$GCP_JAR:$ECHO_JAR:$(cat adapter-gcp/target/invoker/runtime.classpath)"
json() { python3 -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "$@"; }
python3 benchmarks/load/cold_start.py "$RUNS" \
  "container server" "$C_PORT" \
  "$(json "$JAVA" -cp "$CONTAINER_CP" dev.portablefunctions.container.ContainerServer)" \
  '{"PORTABLE_FUNCTION": "echo-http"}' \
  "Functions Framework invoker" "$I_PORT" \
  "$(json "$JAVA" -jar "$INVOKER_JAR" --classpath "$INVOKER_CP" --target dev.portablefunctions.gcp.GcpHttpFunction --port "$I_PORT")" \
  '{"PORTABLE_FUNCTION": "echo-http", "K_SERVICE": "echo-http", "GOOGLE_CLOUD_PROJECT": "bench"}' \
  | tee "$LOGS/container.log"

if [ -n "${CDS:-}" ]; then
  echo "== AppCDS (optional, CDS=1): LambdaHandler and the raw handler with and without a dynamic archive, $RUNS rounds"
  (cd adapter-aws && "$JAVA" -cp "target/test-classes:target/classes:$(cat target/lambda-child.classpath)" \
      dev.portablefunctions.aws.AppCdsHarness "$RUNS") | tee "$LOGS/appcds.log"
fi

echo
echo "==================== summary ($RUNS runs each; logs in $LOGS) ===================="
echo "-- AWS Lambda (real runtime interface client, Lambda zip layout), Lambda's JVM flags"
sed -n '/^JVM start -> first \/response/,$p' "$LOGS/aws.log"
echo "-- the same, the JVM's default flags"
sed -n '/^JVM start -> first \/response/,$p' "$LOGS/aws-default-flags.log"
echo "-- Google Cloud Functions (real invoker)"
grep -E 'median|difference' "$LOGS/gcp.log"
echo "-- container server (process start to first 200)"
cat "$LOGS/container.log"
if [ -f "$LOGS/appcds.log" ] && [ -n "${CDS:-}" ]; then
  echo "-- AppCDS under the real runtime interface client (Lambda zip layout)"
  sed -n '/^JVM start/,$p' "$LOGS/appcds.log"
fi
