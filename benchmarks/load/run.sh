#!/usr/bin/env bash
# Load benchmark: the container server (adapter-container) next to the Google Functions Framework
# invoker 1.4.x (Jetty 9.4), both serving the same echo-http function at /, on this machine, in the
# same run. Then 2,000 slow connections against the container server, and both cold starts.
#
#   benchmarks/load/run.sh                  # DURATION=20 LEVELS="16 64 256" IDLE_CONNECTIONS=2000
#   REPEAT=3 benchmarks/load/run.sh         # 3 interleaved runs per level, the median reported
#   PIN=1 WARMUP=20 REPEAT=3 benchmarks/load/run.sh
#                                           # the servers on CPU 0, wrk (one thread) on CPU 1
#                                           # (SERVER_CPUS, WRK_CPUS): no core shared with the load
#
# Needs root for apt-get (wrk is installed if missing). Traffic goes to 127.0.0.1 only. Both servers
# run with the JVM's defaults; by default wrk -t2 and the servers share the machine's cores, as in
# issue 9, so that wrk takes CPU from whichever server it loads, more from the faster one; with PIN=1
# each side has its own cores, the closest this machine comes to a load generator elsewhere.
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-20}
REPEAT=${REPEAT:-1}
WARMUP=${WARMUP:-10}
LEVELS=${LEVELS:-"16 64 256"}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-2000}
COLD_RUNS=${COLD_RUNS:-5}
C_PORT=${C_PORT:-18080}
I_PORT=${I_PORT:-18081}
MVN=${MVN:-mvn}

if ! command -v wrk >/dev/null; then
  echo "== installing wrk"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

echo "== building adapter-container, adapter-gcp (and the invoker jar), samples/echo"
# process-test-resources (run even with -DskipTests) writes the runtime classpaths and copies the invoker.
$MVN -q -pl adapter-container,adapter-gcp -am package -DskipTests

ECHO_JAR=$(ls samples/echo/target/echo-[0-9]*.jar | grep -v -e '-local' -e 'original-' | head -1)
GCP_JAR=$(ls adapter-gcp/target/adapter-gcp-[0-9]*.jar | grep -v -e '-tests' | head -1)
CONTAINER_CP="adapter-container/target/classes:$(cat adapter-container/target/runtime.classpath):$ECHO_JAR"
INVOKER_JAR=adapter-gcp/target/invoker/java-function-invoker.jar
INVOKER_CP="$GCP_JAR:$ECHO_JAR:$(cat adapter-gcp/target/invoker/runtime.classpath)"
JAVA=${JAVA:-java}
PIN=${PIN:-0}
SERVER_CPUS=${SERVER_CPUS:-0}
WRK_CPUS=${WRK_CPUS:-1}
SERVER=()
LOAD=(wrk -t2)
if [ "$PIN" = 1 ]; then
  SERVER=(taskset -c "$SERVER_CPUS")
  LOAD=(taskset -c "$WRK_CPUS" wrk -t1)
fi

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

wait_ready() { # port
  for _ in $(seq 1 300); do
    if curl -s -o /dev/null "http://127.0.0.1:$1/"; then return 0; fi
    sleep 0.1
  done
  echo "server on port $1 did not answer" >&2; exit 1
}

PORT=$C_PORT PORTABLE_FUNCTION=echo-http \
  "${SERVER[@]}" $JAVA -cp "$CONTAINER_CP" dev.portablefunctions.container.ContainerServer >/tmp/bench-container.log 2>&1 &
CONTAINER_PID=$!; PIDS+=("$CONTAINER_PID")
PORTABLE_FUNCTION=echo-http K_SERVICE=echo-http GOOGLE_CLOUD_PROJECT=bench \
  "${SERVER[@]}" $JAVA -jar "$INVOKER_JAR" --classpath "$INVOKER_CP" --target dev.portablefunctions.gcp.GcpHttpFunction \
  --port "$I_PORT" >/tmp/bench-invoker.log 2>&1 &
INVOKER_PID=$!; PIDS+=("$INVOKER_PID")
wait_ready "$C_PORT"; wait_ready "$I_PORT"

echo "== machine: $(nproc) cores$([ "$PIN" = 1 ] && echo ", servers on CPU $SERVER_CPUS, wrk on CPU $WRK_CPUS"), $($JAVA -version 2>&1 | head -1), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "== warm-up: ${WARMUP} s each at c=64"
"${LOAD[@]}" -c64 -d"${WARMUP}s" "http://127.0.0.1:$C_PORT/" >/dev/null
"${LOAD[@]}" -c64 -d"${WARMUP}s" "http://127.0.0.1:$I_PORT/" >/dev/null

TICKS=$(getconf CLK_TCK)
cpu_ticks() { # pid -> utime + stime of the whole process, in clock ticks
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}

# wrk's output -> "req/s p50_ms p99_ms socket_errors non2xx requests"
summarize() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /requests in/ { requests = $1 }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Socket errors/ { gsub(",", ""); errors = $4 + $6 + $8 + $10 }
    /Non-2xx/ { non2xx = $5 }
    END { printf "%.0f %.2f %.2f %d %d %d\n", rps, p50, p99, errors, non2xx, requests }'
}

# one wrk run against a server -> "req/s p50_ms p99_ms socket_errors non2xx cpu_us_per_request":
# the server process's own CPU time (user + system) over the run, divided by the requests served,
# which a machine shared with wrk disturbs far less than req/s
measure() { # connections port pid
  local before after line
  before=$(cpu_ticks "$3")
  line=$("${LOAD[@]}" -c"$1" -d"${DURATION}s" --latency "http://127.0.0.1:$2/" | summarize)
  after=$(cpu_ticks "$3")
  awk -v l="$line" -v t="$((after - before))" -v hz="$TICKS" 'BEGIN {
    split(l, f, " "); printf "%s %s %s %s %s %.1f\n", f[1], f[2], f[3], f[4], f[5], (f[6] > 0 ? t / hz * 1e6 / f[6] : 0) }'
}

# REPEAT runs per level and target, interleaved: the run with the median req/s is reported, with
# the socket errors and non-2xx answers of all of them.
declare -A RESULT
for c in $LEVELS; do
  declare -A RUNS=()
  for r in $(seq 1 "$REPEAT"); do
    for target in container invoker; do
      port=$C_PORT; pid=$CONTAINER_PID
      [ "$target" = invoker ] && port=$I_PORT && pid=$INVOKER_PID
      echo "== ${LOAD[*]} -c$c -d${DURATION}s --latency $target ($r of $REPEAT)"
      RUNS[$target]+="$(measure "$c" "$port" "$pid")"$'\n'
    done
  done
  for target in container invoker; do
    RESULT[$target,$c]=$(printf '%s' "${RUNS[$target]}" | sort -n | awk '
      { rps[NR] = $1; p50[NR] = $2; p99[NR] = $3; errors += $4; non2xx += $5; cpu[NR] = $6 }
      END { m = int((NR + 1) / 2); print rps[m], p50[m], p99[m], errors, non2xx, cpu[m] }')
  done
done

echo
echo "== throughput, same function (echo-http), same run (median of $REPEAT by req/s)"
echo "   cpu: the server process's CPU time per request (user + system), in microseconds"
printf "%-6s | %-55s | %-55s | %s\n" "load" "container server (Jetty 12.1)" "Functions Framework invoker (Jetty 9.4)" "ratio"
printf "%-6s | %-55s | %-55s | %s\n" "" "req/s, p50, p99, socket errors, non-2xx, cpu" "req/s, p50, p99, socket errors, non-2xx, cpu" "req/s, cpu"
for c in $LEVELS; do
  read -r cr c50 c99 ce cn ccpu <<<"${RESULT[container,$c]}"
  read -r ir i50 i99 ie inn icpu <<<"${RESULT[invoker,$c]}"
  ratio=$(awk -v a="$cr" -v b="$ir" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  cpu_ratio=$(awk -v a="$ccpu" -v b="$icpu" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
  printf "%-6s | %7s, %6s ms, %7s ms, %6s, %6s, %5s us | %7s, %6s ms, %7s ms, %6s, %6s, %5s us | %s, %s\n" \
    "c=$c" "$cr" "$c50" "$c99" "$ce" "$cn" "$ccpu" "$ir" "$i50" "$i99" "$ie" "$inn" "$icpu" "$ratio" "$cpu_ratio"
done
echo "   ratio: container / invoker for req/s; invoker / container for cpu (above 1: the container server is cheaper)"

cleanup
PIDS=()

if [ "$IDLE_CONNECTIONS" -gt 0 ]; then
echo
echo "== $IDLE_CONNECTIONS slow connections (slowloris) against a fresh container server (defaults)"
PORT=$C_PORT PORTABLE_FUNCTION=echo-http \
  $JAVA -cp "$CONTAINER_CP" dev.portablefunctions.container.ContainerServer >/tmp/bench-container-idle.log 2>&1 &
IDLE_PID=$!; PIDS+=("$IDLE_PID")
wait_ready "$C_PORT"
wrk -t1 -c4 -d3s "http://127.0.0.1:$C_PORT/" >/dev/null # warm, then idle
sleep 2
python3 benchmarks/load/slow_connections.py "$C_PORT" "$IDLE_PID" --connections "$IDLE_CONNECTIONS"
cleanup
PIDS=()
fi
[ "$COLD_RUNS" -gt 0 ] || exit 0
echo
echo "== cold start: process start to first response, median of $COLD_RUNS (interleaved, one discarded run each)"
python3 benchmarks/load/cold_start.py "$COLD_RUNS" \
  "container server" "$C_PORT" \
  "$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "$JAVA" -cp "$CONTAINER_CP" dev.portablefunctions.container.ContainerServer)" \
  '{"PORTABLE_FUNCTION": "echo-http"}' \
  "Functions Framework invoker" "$I_PORT" \
  "$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "$JAVA" -jar "$INVOKER_JAR" --classpath "$INVOKER_CP" --target dev.portablefunctions.gcp.GcpHttpFunction --port "$I_PORT")" \
  '{"PORTABLE_FUNCTION": "echo-http", "K_SERVICE": "echo-http", "GOOGLE_CLOUD_PROJECT": "bench"}'
