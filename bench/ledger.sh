#!/usr/bin/env bash
# Ledger benchmark: how many usage events the ledger prices per second on ONE core with exactly-once
# processing, and the end-to-end lag (usage event produced → its spend record visible to a
# read_committed consumer) at a steady rate. See bench/README.md and docs/performance.md.
#
# Process A (core LEDGER_LOAD_CPU): admin role with embedded Kafka, PostgreSQL and S3; the load tool
# (bench/java/LedgerLoad.java) runs on the same core. Process B (core LEDGER_CPU, one active
# processor): CONDUIT_ROLES=ledger against A's Kafka and PostgreSQL. Everything listens on 127.0.0.1
# and is stopped by PID when the script exits.
#
#   bench/ledger.sh                                  # builds server/target/conduit.jar first
#   BENCH_SKIP_BUILD=1 bench/ledger.sh               # uses an existing server/target/conduit.jar
#   LEDGER_EVENTS=50000 LEDGER_LAG_SECONDS=10 BENCH_SKIP_BUILD=1 bench/ledger.sh   # quick check
set -euo pipefail
# shellcheck disable=SC2086  # LEDGER_JAVA_OPTS splits on purpose

BENCH_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_HOME/.." && pwd)

BENCH_SKIP_BUILD=${BENCH_SKIP_BUILD:-0}       # 1: do not run Maven, use server/target/conduit.jar
BENCH_JAR=${BENCH_JAR:-}                      # a prebuilt conduit.jar (implies no build)
BENCH_BUILD_TIMEOUT=${BENCH_BUILD_TIMEOUT:-1800}
BENCH_START_TIMEOUT=${BENCH_START_TIMEOUT:-300}
BENCH_KEEP=${BENCH_KEEP:-0}                   # 1: keep the temporary directory (logs)
BENCH_OUT=${BENCH_OUT:-}                      # directory to copy the summary and logs into
LEDGER_EVENTS=${LEDGER_EVENTS:-300000}        # usage events preloaded, then priced from the backlog
LEDGER_LAG_RATE=${LEDGER_LAG_RATE:-2000}      # usage events per second for the lag measurement
LEDGER_LAG_SECONDS=${LEDGER_LAG_SECONDS:-30}
LEDGER_HEAP=${LEDGER_HEAP:-768m}
LEDGER_ENV=${LEDGER_ENV:-}                     # extra NAME=value settings for the ledger, e.g. CONDUIT_LEDGER_COMMIT_INTERVAL=1s
LEDGER_JAVA_OPTS=${LEDGER_JAVA_OPTS:-}         # extra JVM options for the ledger (e.g. -XX:StartFlightRecording=...)
LEDGER_CPU=${LEDGER_CPU:-1}                   # the ledger's core
LEDGER_LOAD_CPU=${LEDGER_LOAD_CPU:-0}         # Kafka, PostgreSQL, admin and the load tool
BENCH_PORT_BASE=${BENCH_PORT_BASE:-15500}

BENCH_LOG_TAG=ledger-bench
# shellcheck source=bench/lib.sh
. "$BENCH_HOME/lib.sh"

for v in LEDGER_EVENTS LEDGER_LAG_RATE LEDGER_LAG_SECONDS LEDGER_CPU LEDGER_LOAD_CPU BENCH_PORT_BASE; do
    [[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a non-negative integer, not '${!v}'"
done
((LEDGER_CPU < $(nproc) && LEDGER_LOAD_CPU < $(nproc) && LEDGER_CPU != LEDGER_LOAD_CPU)) \
    || die "need two distinct cores (LEDGER_CPU=$LEDGER_CPU, LEDGER_LOAD_CPU=$LEDGER_LOAD_CPU, nproc=$(nproc))"
install_missing curl=curl jq=jq unzip=unzip openssl=openssl taskset=util-linux

P_A_INGRESS=$BENCH_PORT_BASE
P_ADMIN=$((BENCH_PORT_BASE + 1))
P_A_WEBUI=$((BENCH_PORT_BASE + 2))
P_KAFKA=$((BENCH_PORT_BASE + 3))
P_PG=$((BENCH_PORT_BASE + 4))
P_S3=$((BENCH_PORT_BASE + 5))
P_B_INGRESS=$((BENCH_PORT_BASE + 6))
P_B_ADMIN=$((BENCH_PORT_BASE + 7))
P_B_WEBUI=$((BENCH_PORT_BASE + 8))
for p in $(seq "$BENCH_PORT_BASE" $((BENCH_PORT_BASE + 8))); do
    ! port_busy "$p" || die "port $p on 127.0.0.1 is in use; choose another BENCH_PORT_BASE"
done

UPTIME_START=$(uptime)
prepare_jar
start_infra "$LEDGER_LOAD_CPU"
BOOTSTRAP=127.0.0.1:$P_KAFKA

log "compiling the load tool against the jar's libraries"
mkdir -p "$WORK/lib" "$WORK/classes"
(cd "$WORK/lib" && unzip -q -o -j "$JAR" 'BOOT-INF/lib/*.jar')
"$JAVAC" -nowarn -d "$WORK/classes" -cp "$WORK/lib/*" "$BENCH_HOME/java/LedgerLoad.java" 2>"$WORK/javac.log" \
    || { cat "$WORK/javac.log" >&2; die "could not compile LedgerLoad"; }
load() {  # the tool's result lines on stdout; the Kafka clients' logging (also on stdout) into load.log
    taskset -c "$LEDGER_LOAD_CPU" "$JAVA" -Xmx1g -cp "$WORK/classes:$WORK/lib/*" LedgerLoad "$@" 2>>"$WORK/load.log" \
        | tee -a "$WORK/load.log" | grep -E '^(preloaded|drained|lag:)'
}

log "preloading $LEDGER_EVENTS usage events (the ledger is not running yet)"
PRELOAD=$(load preload "$BOOTSTRAP" "$LEDGER_EVENTS") || { tail_log "$WORK/load.log"; die "preload failed"; }
log "$PRELOAD"

log "starting process B: CONDUIT_ROLES=ledger, core $LEDGER_CPU, -XX:ActiveProcessorCount=1, heap $LEDGER_HEAP"
env "${UNSET_ARGS[@]}" \
    CONDUIT_ROLES=ledger CONDUIT_DATA_DIR="$WORK/b" ${LEDGER_ENV:-} CONDUIT_BIND_ADDRESS=127.0.0.1 \
    CONDUIT_INGRESS_PORT="$P_B_INGRESS" CONDUIT_ADMIN_PORT="$P_B_ADMIN" CONDUIT_WEBUI_PORT="$P_B_WEBUI" \
    KAFKA_BOOTSTRAP_SERVERS="$BOOTSTRAP" \
    DATABASE_URL="postgresql://postgres:conduit@127.0.0.1:$P_PG/conduit" \
    CONDUIT_S3_ENDPOINT="http://127.0.0.1:$P_S3" CONDUIT_S3_ACCESS_KEY=conduit CONDUIT_S3_SECRET_KEY=conduit-secret \
    CONDUIT_API_TO_API_BACKEND_AUTH_KEY="$MASTER_KEY" CONDUIT_ENCRYPTION_KEY="$ENCRYPTION_KEY" \
    taskset -c "$LEDGER_CPU" "$JAVA" -XX:ActiveProcessorCount=1 -Xms"$LEDGER_HEAP" -Xmx"$LEDGER_HEAP" $LEDGER_JAVA_OPTS \
        -jar "$JAR" --spring.main.keep-alive=true >"$WORK/b.log" 2>&1 </dev/null &
B_PID=$!
register "$B_PID" "conduit B (ledger)"

log "draining: waiting for $LEDGER_EVENTS spend records (exactly-once, read_committed)"
DRAIN=$(load drain "$BOOTSTRAP" "$LEDGER_EVENTS" "$B_PID") || { tail_log "$WORK/b.log"; tail_log "$WORK/load.log"; die "drain failed"; }
log "$DRAIN"

log "lag: $LEDGER_LAG_RATE usage events/s for $LEDGER_LAG_SECONDS s"
LAG=$(load lag "$BOOTSTRAP" "$LEDGER_LAG_RATE" "$LEDGER_LAG_SECONDS") || { tail_log "$WORK/b.log"; tail_log "$WORK/load.log"; die "lag run failed"; }
log "$LAG"

SUMMARY=$WORK/summary.txt
{
    echo "ledger benchmark $(date -u +'%F %T UTC'), commit $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $("$JAVA" -version 2>&1 | sed -n 2p)"
    echo "ledger: core $LEDGER_CPU, -XX:ActiveProcessorCount=1, heap $LEDGER_HEAP; Kafka/PostgreSQL/admin/load on core $LEDGER_LOAD_CPU"
    echo "uptime at start: $UPTIME_START"
    echo "uptime at end:   $(uptime)"
    echo "$PRELOAD"
    echo "$DRAIN"
    echo "$LAG"
} > "$SUMMARY"
cat "$SUMMARY"
if [[ -n $BENCH_OUT ]]; then
    mkdir -p "$BENCH_OUT"
    cp "$SUMMARY" "$WORK/b.log" "$BENCH_OUT/" 2>/dev/null || true
fi
