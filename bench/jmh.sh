#!/usr/bin/env bash
# JMH micro-benchmarks of the provider translation hot paths (bench/jmh): per request (request
# mapping, answer mapping, usage) and per streamed chunk (decoder + relay), for every adapter and
# both client dialects, in µs/op with the CPU time and allocation per op. See bench/jmh/README.md and
# docs/performance.md. Runs nothing on the network; each fork is a JVM JMH starts and ends.
#
#   bench/jmh.sh                                 # build, then run all (2 forks x 3 warm-ups x 5 x 1 s)
#   bench/jmh.sh StreamBenchmark                 # a subset: any JMH arguments pass through
#   bench/jmh.sh -f 1 -wi 2 -i 3 Request         # shorter
#   JMH_SKIP_BUILD=1 bench/jmh.sh                # reuse bench/jmh/target/benchmarks.jar
#   JMH_OUT=/tmp/jmh-$(date +%F) bench/jmh.sh    # keep results.json, the JMH log and machine facts there
#   JMH_PROF=gc bench/jmh.sh                     # profilers (default: gc and CpuTimeProfiler; empty: none)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
JMH_SKIP_BUILD=${JMH_SKIP_BUILD:-0}
# profilers, space-separated: allocation per op, and CPU time per op (robust to a busy machine)
JMH_PROF=${JMH_PROF-gc io.conduit.bench.jmh.CpuTimeProfiler}
JMH_OUT=${JMH_OUT:-$REPO/bench/jmh/target/jmh-results}
JAR=$REPO/bench/jmh/target/benchmarks.jar

log() { printf '[jmh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# a JDK 25 the way ./mvnw finds one
# shellcheck source=/dev/null
. "$REPO/.mvn/jdk25.sh"

if [[ $JMH_SKIP_BUILD != 1 ]]; then
    log "building $JAR"
    (cd "$REPO" && timeout 1800 ./mvnw -q -pl bench/jmh -am -Pjmh -DskipTests package)
fi
[[ -f $JAR ]] || { log "no $JAR: run without JMH_SKIP_BUILD=1"; exit 1; }

mkdir -p "$JMH_OUT"
{
    echo "date: $(date -u +'%F %T UTC')"
    echo "commit: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$REPO" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "nproc: $(nproc)"
    echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
    echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p)"
    echo "uptime before: $(uptime)"
} > "$JMH_OUT/machine.txt"
cat "$JMH_OUT/machine.txt" >&2

PROF=()
for p in $JMH_PROF; do PROF+=(-prof "$p"); done
"$JAVA_HOME/bin/java" -jar "$JAR" "${PROF[@]}" -rf json -rff "$JMH_OUT/results.json" "$@" 2>&1 \
    | tee "$JMH_OUT/jmh.log"
echo "uptime after: $(uptime)" >> "$JMH_OUT/machine.txt"
tail -n 1 "$JMH_OUT/machine.txt" >&2

# mean ± 99.9 % error per benchmark: wall time (JMH's score), CPU time and allocation side by side
command -v jq >/dev/null || { log "jq missing: raw results in $JMH_OUT/results.json"; exit 0; }
{
    echo "| benchmark | param | µs/op | ± | CPU µs/op | ± | B/op | ± |"
    echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    jq -r 'def num(d): if type == "number" then (. * d | round / d | tostring) else "–" end;
           .[] | [ (.benchmark | sub("^io\\.conduit\\.bench\\.jmh\\."; "")),
                   ((.params // {}) | [.[]] | join(",")),
                   (.primaryMetric.score | num(1000)), (.primaryMetric.scoreError | num(1000)),
                   (.secondaryMetrics["cpu.time.norm"].score | num(1000)),
                   (.secondaryMetrics["cpu.time.norm"].scoreError | num(1000)),
                   (.secondaryMetrics["gc.alloc.rate.norm"].score | num(1)),
                   (.secondaryMetrics["gc.alloc.rate.norm"].scoreError | num(1)) ]
               | "| " + join(" | ") + " |"' "$JMH_OUT/results.json"
} > "$JMH_OUT/summary.md"
cat "$JMH_OUT/summary.md"
log "results: $JMH_OUT (results.json, summary.md, jmh.log, machine.txt)"
