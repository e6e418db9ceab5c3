#!/usr/bin/env bash
# shellcheck disable=SC2086,SC2015  # /proc fields are split on purpose (under set -f); A && B || die is intended
# Conduit proxy hot-path benchmark: added latency, throughput on one core and CPU per request
# of the gateway, side by side with a direct call to the fake upstream and with nginx proxy_pass
# pinned the same way. See bench/README.md for what it measures and docs/performance.md for the
# method and the figures. Every server it starts listens on 127.0.0.1 only and is stopped (by
# PID) when the script exits, whatever the reason.
#
#   bench/run.sh                                   # builds server/target/conduit.jar first
#   BENCH_SKIP_BUILD=1 bench/run.sh                # uses an existing server/target/conduit.jar
#   BENCH_JAR=/path/conduit.jar bench/run.sh       # uses that jar (no build)
#   BENCH_DURATION=5 BENCH_ROUNDS=1 BENCH_WARMUP=10 bench/run.sh   # quick check of the harness
set -euo pipefail

BENCH_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_HOME/.." && pwd)

BENCH_SKIP_BUILD=${BENCH_SKIP_BUILD:-0}       # 1: do not run Maven, use server/target/conduit.jar
BENCH_JAR=${BENCH_JAR:-}                      # a prebuilt conduit.jar (implies no build)
BENCH_DURATION=${BENCH_DURATION:-15}          # seconds per measurement
BENCH_ROUNDS=${BENCH_ROUNDS:-3}               # rounds of each measurement (median reported)
BENCH_WARMUP=${BENCH_WARMUP:-60}              # seconds of load on the gateway before measuring
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-64}    # wrk connections for the throughput runs
BENCH_WRK_THREADS=${BENCH_WRK_THREADS:-1}     # wrk threads for the throughput runs
BENCH_WRK_TIMEOUT=${BENCH_WRK_TIMEOUT:-5s}    # a response slower than this counts as an error
BENCH_PORT_BASE=${BENCH_PORT_BASE:-15400}     # uses BENCH_PORT_BASE .. BENCH_PORT_BASE+10
BENCH_LOAD_CPU=${BENCH_LOAD_CPU:-0}           # core of wrk, fake upstream and the infra process
BENCH_PROXY_CPU=${BENCH_PROXY_CPU:-1}         # core of the gateway and of nginx proxy_pass
BENCH_GATEWAY_HEAP=${BENCH_GATEWAY_HEAP:-512m}
BENCH_GATEWAY_JAVA_OPTS=${BENCH_GATEWAY_JAVA_OPTS:-}   # extra JVM options for the gateway
BENCH_ACCOUNTING=${BENCH_ACCOUNTING:-1}       # 1: count usage records per gateway throughput run
BENCH_START_TIMEOUT=${BENCH_START_TIMEOUT:-300}        # seconds allowed for each process to start
BENCH_BUILD_TIMEOUT=${BENCH_BUILD_TIMEOUT:-1800}
BENCH_LOAD_WARN=${BENCH_LOAD_WARN:-0.5}       # warn when the 1-min load average at start is above
BENCH_PROFILE=${BENCH_PROFILE:-0}             # 1: JFR-profile the gateway during its throughput runs
BENCH_KEEP=${BENCH_KEEP:-0}                   # 1: keep the temporary directory (logs, raw output)
BENCH_OUT=${BENCH_OUT:-}                      # directory to copy the summary and raw results into

BENCH_LOG_TAG=bench
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"


for v in BENCH_DURATION BENCH_ROUNDS BENCH_WARMUP BENCH_CONNECTIONS BENCH_WRK_THREADS BENCH_PORT_BASE \
         BENCH_LOAD_CPU BENCH_PROXY_CPU BENCH_START_TIMEOUT BENCH_BUILD_TIMEOUT; do
    [[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a non-negative integer, not '${!v}'"
done
((BENCH_DURATION >= 1 && BENCH_ROUNDS >= 1)) || die "BENCH_DURATION and BENCH_ROUNDS must be at least 1"
((BENCH_CONNECTIONS >= BENCH_WRK_THREADS && BENCH_WRK_THREADS >= 1)) || die "need BENCH_CONNECTIONS >= BENCH_WRK_THREADS >= 1"
((BENCH_PORT_BASE >= 1024 && BENCH_PORT_BASE <= 65000)) || die "BENCH_PORT_BASE must be within 1024..65000"
NCPU=$(nproc)
((BENCH_LOAD_CPU < NCPU && BENCH_PROXY_CPU < NCPU && BENCH_LOAD_CPU != BENCH_PROXY_CPU)) \
    || die "need two distinct cores (BENCH_LOAD_CPU=$BENCH_LOAD_CPU, BENCH_PROXY_CPU=$BENCH_PROXY_CPU, nproc=$NCPU)"

UPTIME_START=$(uptime)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

install_missing nginx=nginx-light wrk=wrk curl=curl jq=jq unzip=unzip openssl=openssl taskset=util-linux ps=procps uptime=procps


# ---------------------------------------------------------------- ports
P_FAKE=$BENCH_PORT_BASE
P_PROXY=$((BENCH_PORT_BASE + 1))
P_GATEWAY=$((BENCH_PORT_BASE + 2))
P_A_INGRESS=$((BENCH_PORT_BASE + 3))   # not opened: process A has no ingress role
P_ADMIN=$((BENCH_PORT_BASE + 4))
P_A_WEBUI=$((BENCH_PORT_BASE + 5))
P_B_ADMIN=$((BENCH_PORT_BASE + 6))     # not opened: process B has no admin role
P_B_WEBUI=$((BENCH_PORT_BASE + 7))
P_KAFKA=$((BENCH_PORT_BASE + 8))
P_PG=$((BENCH_PORT_BASE + 9))
P_S3=$((BENCH_PORT_BASE + 10))
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in $(seq "$BENCH_PORT_BASE" $((BENCH_PORT_BASE + 10))); do
    ! port_busy "$p" || die "port $p on 127.0.0.1 is in use; choose another BENCH_PORT_BASE"
done

prepare_jar

# ---------------------------------------------------------------- helpers
upstream_accepts() {  # connections the fake upstream accepted so far (nginx stub_status)
    curl -s --max-time 5 "http://127.0.0.1:$P_FAKE/__status" | awk 'NR == 3 { print $1 }'
}
ctx_switches() { # voluntary + involuntary context switches of all threads of a process and its children
    local p c
    for p in "$1" $(ps -o pid= --ppid "$1" 2>/dev/null); do
        cat /proc/"$p"/task/*/status 2>/dev/null || true
    done | awk '/^(voluntary|nonvoluntary)_ctxt_switches:/ { s += $2 } END { print s + 0 }'
}
thread_snapshot() {  # "tid|thread name|utime+stime" for every thread of a process
    local f line tid comm rest
    for f in /proc/"$1"/task/*/stat; do
        read -r line 2>/dev/null <"$f" || continue
        tid=${f#/proc/"$1"/task/}; tid=${tid%/stat}
        comm=${line#*\(}; comm=${comm%\)*}
        rest=${line##*) }
        set -f; set -- $rest; set +f
        echo "$tid|$comm|$((${12} + ${13}))"
    done
}
tree_ticks() {  # utime+stime of a process and its direct children (nginx master + workers)
    local total c
    total=$(proc_ticks "$1")
    for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do total=$((total + $(proc_ticks "$c"))); done
    echo "$total"
}
cpu_stat() {    # "busy total" ticks of one core from /proc/stat
    awk -v c="cpu$1" '$1 == c { t = 0; for (i = 2; i <= 9; i++) t += $i; print t - $5 - $6, t }' /proc/stat
}
# CPU of every process on the machine that this benchmark did not start, to see other work
# running during a measurement: ticks summed over processes that are not descendants of this
# script nor of the embedded PostgreSQL postmaster (kernel threads count as "other" too).
proc_snapshot() {
    local f line rest
    for f in /proc/[0-9]*/stat; do
        read -r line 2>/dev/null <"$f" || continue
        rest=${line##*) }
        set -f; set -- ${line%% *} $rest; set +f
        # $k is field k+1 of /proc/PID/stat (comm left out): pid ppid starttime utime+stime
        echo "$1 $3 ${21} $((${13} + ${14}))"
    done
}
other_ticks() { # other_ticks BEFORE_FILE AFTER_FILE -> ticks used meanwhile by processes not ours
    awk -v roots="$OUR_ROOTS" '
        FNR == NR { before[$1 " " $3] = $4; next }
        { ppid[$1] = $2; key[$1] = $1 " " $3; ticks[$1] = $4 }
        END {
            n = split(roots, r, " "); for (i = 1; i <= n; i++) ours[r[i]] = 1
            changed = 1
            while (changed) { changed = 0
                for (p in ppid) if (!(p in ours) && (ppid[p] in ours)) { ours[p] = 1; changed = 1 } }
            total = 0
            for (p in ticks) if (!(p in ours)) {
                b = (key[p] in before) ? before[key[p]] : 0
                if (ticks[p] > b) total += ticks[p] - b
            }
            print total
        }' "$1" "$2"
}

# ---------------------------------------------------------------- nginx: fake upstream and floor
NGX=$WORK/nginx
mkdir -p "$NGX"
render_nginx() {  # render_nginx TEMPLATE OUT PORT UPSTREAM_PORT
    sed -e "s#@DIR@#$NGX#g" -e "s#@PORT@#$3#g" -e "s#@UPSTREAM_PORT@#$4#g" "$1" >"$2"
}
start_nginx() {   # start_nginx NAME TEMPLATE PORT UPSTREAM_PORT CPU -> sets NGINX_PID
    local name=$1 conf=$NGX/$1.conf
    render_nginx "$2" "$conf" "$3" "$4"
    nginx -t -q -c "$conf" -p "$NGX/" -e "$NGX/$name.stderr.log" >"$NGX/$name.test.log" 2>&1 \
        || { cat "$NGX/$name.test.log" >&2; die "nginx $name: bad configuration"; }
    taskset -c "$5" nginx -c "$conf" -p "$NGX/" -e "$NGX/$name.stderr.log" >"$NGX/$name.out.log" 2>&1 &
    NGINX_PID=$!
    register "$NGINX_PID" "nginx $name"
    wait_for "nginx $name" 20 "$NGINX_PID" is_200 "http://127.0.0.1:$3/v1/chat/completions" -X POST -d '{}'
    local w
    for w in $(ps -o pid= --ppid "$NGINX_PID"); do register "$w" "nginx $name worker"; done
}
log "starting the fake upstream (nginx, core $BENCH_LOAD_CPU) and nginx proxy_pass (core $BENCH_PROXY_CPU)"
start_nginx fake-upstream "$BENCH_HOME/nginx/fake-upstream.conf" "$P_FAKE" 0 "$BENCH_LOAD_CPU"
start_nginx proxy-floor "$BENCH_HOME/nginx/proxy-floor.conf" "$P_PROXY" "$P_FAKE" "$BENCH_PROXY_CPU"
PROXY_PID=$NGINX_PID

start_infra "$BENCH_LOAD_CPU"

PROFILE_OPTS=
[[ $BENCH_PROFILE != 1 ]] || PROFILE_OPTS=-XX:FlightRecorderOptions:stackdepth=512
log "starting process B: CONDUIT_ROLES=ingress, core $BENCH_PROXY_CPU, -XX:ActiveProcessorCount=1, heap $BENCH_GATEWAY_HEAP"
# --spring.main.keep-alive=true: a process with only the ingress role has no non-daemon thread
# and exits right after starting (seen with the 0.1.0-SNAPSHOT build); this keeps it running.
# shellcheck disable=SC2086  # option lists split on purpose
env "${UNSET_ARGS[@]}" \
    CONDUIT_ROLES=ingress CONDUIT_DATA_DIR="$WORK/b" CONDUIT_BIND_ADDRESS=127.0.0.1 \
    CONDUIT_INGRESS_PORT="$P_GATEWAY" CONDUIT_ADMIN_PORT="$P_B_ADMIN" CONDUIT_WEBUI_PORT="$P_B_WEBUI" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$P_KAFKA" \
    DATABASE_URL="postgresql://postgres:conduit@127.0.0.1:$P_PG/conduit" \
    CONDUIT_S3_ENDPOINT="http://127.0.0.1:$P_S3" CONDUIT_S3_ACCESS_KEY=conduit CONDUIT_S3_SECRET_KEY=conduit-secret \
    CONDUIT_API_TO_API_BACKEND_AUTH_KEY="$MASTER_KEY" CONDUIT_ENCRYPTION_KEY="$ENCRYPTION_KEY" \
    taskset -c "$BENCH_PROXY_CPU" "$JAVA" -XX:ActiveProcessorCount=1 \
        -Xms"$BENCH_GATEWAY_HEAP" -Xmx"$BENCH_GATEWAY_HEAP" -XX:+AlwaysPreTouch \
        -Xlog:gc:file="$WORK/b-gc.log":uptime $PROFILE_OPTS $BENCH_GATEWAY_JAVA_OPTS \
        -jar "$JAR" --spring.main.keep-alive=true >"$WORK/b.log" 2>&1 </dev/null &
B_PID=$!
register "$B_PID" "conduit B (gateway)"
GATEWAY=http://127.0.0.1:$P_GATEWAY
if ! (wait_for "process B" "$BENCH_START_TIMEOUT" "$B_PID" is_200 "$GATEWAY/health/ready"); then
    tail_log "$WORK/b.log"; die "process B did not become ready"
fi

# ---------------------------------------------------------------- configuration through the admin API
admin_post() {  # admin_post PATH JSON -> response body on stdout; dies unless 2xx
    local code
    code=$(curl -sS --max-time 10 -o "$WORK/admin.out" -w '%{http_code}' -X POST \
        -H "X-API-Key: $MASTER_KEY" -H 'Content-Type: application/json' -d "$2" "$ADMIN$1") || code=000
    [[ $code == 2?? ]] || { cat "$WORK/admin.out" >&2 || true; die "POST $1 answered $code"; }
    cat "$WORK/admin.out"
}
log "configuring provider, model mapping and virtual key"
admin_post /api/providers \
    "{\"name\":\"fake\",\"type\":\"openai_compatible\",\"base_url\":\"http://127.0.0.1:$P_FAKE/v1\",\"api_key\":\"sk-anything\"}" >/dev/null
admin_post /api/model-mappings '{"alias":"bench","provider":"fake","provider_model":"gpt-4o-mini"}' >/dev/null
VKEY=$(admin_post /api/virtual-keys '{"name":"bench"}' | jq -r .key)
[[ $VKEY == condt_* ]] || die "no virtual key in the admin API's answer"
alias_visible() {
    curl -sS --max-time 5 -H "Authorization: Bearer $VKEY" "$GATEWAY/v1/models" \
        | jq -e '.data[] | select(.id == "bench")' >/dev/null
}
wait_for "the model alias to reach the gateway" 60 "$B_PID" alias_visible

CHAT_BODY='{"model":"bench","messages":[{"role":"user","content":"Say hello in one short sentence."}],"max_tokens":16}'
smoke() {       # smoke NAME URL: one request must answer 200 with a chat.completion
    local code
    code=$(curl -sS --max-time 10 -o "$WORK/smoke.out" -w '%{http_code}' -X POST \
        -H "Authorization: Bearer $VKEY" -H 'Content-Type: application/json' -d "$CHAT_BODY" "$2") || code=000
    [[ $code == 200 ]] && jq -e '.object == "chat.completion"' "$WORK/smoke.out" >/dev/null \
        || { cat "$WORK/smoke.out" >&2 || true; die "smoke request to $1 answered $code"; }
}
URL_DIRECT=http://127.0.0.1:$P_FAKE/v1/chat/completions
URL_NGINX=http://127.0.0.1:$P_PROXY/v1/chat/completions
URL_CONDUIT=$GATEWAY/v1/chat/completions
smoke direct "$URL_DIRECT"
smoke nginx "$URL_NGINX"
smoke conduit "$URL_CONDUIT"

# ---------------------------------------------------------------- usage accounting (optional)
if [[ $BENCH_ACCOUNTING == 1 ]]; then
    mkdir -p "$WORK/kafka-lib" "$WORK/classes"
    if unzip -q -o -j "$JAR" 'BOOT-INF/lib/kafka-clients-*.jar' 'BOOT-INF/lib/slf4j-api-*.jar' -d "$WORK/kafka-lib" \
        && "$JAVAC" -nowarn -d "$WORK/classes" -cp "$WORK/kafka-lib/*" "$BENCH_HOME/java/UsageOffsets.java" 2>"$WORK/javac.log"; then
        :
    else
        log "accounting check disabled: could not prepare the Kafka offset reader"; BENCH_ACCOUNTING=0
    fi
fi
usage_offsets() {
    timeout 60 taskset -c "$BENCH_LOAD_CPU" "$JAVA" -XX:TieredStopAtLevel=1 \
        -cp "$WORK/classes:$WORK/kafka-lib/*" UsageOffsets "127.0.0.1:$P_KAFKA" conduit.usage.v1 2>/dev/null | tail -n 1
}
settled_offsets() {   # end offsets once they stopped moving (the gateway sends asynchronously)
    local prev cur i
    prev=$(usage_offsets) || prev=
    for ((i = 0; i < 30; i++)); do
        sleep 1
        cur=$(usage_offsets) || cur=
        [[ -n $cur && $cur == "$prev" ]] && { echo "$cur"; return; }
        prev=$cur
    done
    echo "${cur:-}"
}

# ---------------------------------------------------------------- one wrk run
RESULTS=$WORK/results.tsv
printf 'phase\tround\ttarget\tconns\trequests\tduration_us\trps\tp50_us\tp90_us\tp99_us\tp999_us\tmax_us\terrors\tproxy_cpu_ticks\tload_core_busy_pct\tproxy_core_busy_pct\tother_cpu_pct\tusage_records\tgateway_log_errors\tctx_switches\tupstream_conns_opened\n' >"$RESULTS"
export BENCH_KEY=$VKEY BENCH_MODEL=bench
run_wrk() {     # run_wrk PHASE ROUND TARGET CONNS THREADS SECONDS
    local phase=$1 round=$2 target=$3 conns=$4 threads=$5 secs=$6 url pid out
    case $target in
        direct) url=$URL_DIRECT; pid= ;;
        nginx) url=$URL_NGINX; pid=$PROXY_PID ;;
        conduit) url=$URL_CONDUIT; pid=$B_PID ;;
    esac
    out=$WORK/wrk-$phase-$round-$target.txt
    local t0=0 t1=0 l0 l1 p0 p1 o0='' o1=- s0="$WORK/snap0" s1="$WORK/snap1" g0=0 g1=- c0=0 c1=0 a0 a1
    if [[ $phase == throughput && $target == conduit && $BENCH_ACCOUNTING == 1 ]]; then o0=$(settled_offsets); fi
    [[ -z $pid ]] || c0=$(ctx_switches "$pid")
    [[ -z $pid ]] || t0=$(tree_ticks "$pid")
    [[ $target != conduit ]] || g0=$(wc -l <"$WORK/b.log")
    [[ $target != conduit ]] || thread_snapshot "$pid" >"$WORK/threads0"
    a0=$(upstream_accepts)
    l0=$(cpu_stat "$BENCH_LOAD_CPU"); p0=$(cpu_stat "$BENCH_PROXY_CPU"); proc_snapshot >"$s0"
    taskset -c "$BENCH_LOAD_CPU" wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout "$BENCH_WRK_TIMEOUT" --latency \
        -s "$BENCH_HOME/wrk/chat.lua" "$url" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed against $target"; }
    proc_snapshot >"$s1"; l1=$(cpu_stat "$BENCH_LOAD_CPU"); p1=$(cpu_stat "$BENCH_PROXY_CPU")
    a1=$(upstream_accepts)
    [[ -z $pid ]] || t1=$(tree_ticks "$pid")
    [[ -z $pid ]] || c1=$(ctx_switches "$pid")
    if [[ $target == conduit ]]; then  # CPU per gateway thread during this run
        thread_snapshot "$pid" | awk -F'|' -v phase="$phase" 'FNR == NR { b[$1 "|" $2] = $3; next }
            { d = $3 - b[$1 "|" $2]; if (d > 0) printf "%s\t%s\t%d\n", phase, $2, d }' "$WORK/threads0" - >>"$WORK/threads.tsv"
    fi
    [[ -z $pid ]] || alive "$pid" || die "$target died during the run (see $WORK)"
    if [[ $phase == throughput && $target == conduit && $BENCH_ACCOUNTING == 1 ]]; then
        o1=$(settled_offsets)
        if [[ $o0 =~ ^[0-9]+$ && $o1 =~ ^[0-9]+$ ]]; then o1=$((o1 - o0)); else o1='?'; fi
    fi
    if [[ $target == conduit ]]; then  # ERROR lines the gateway logged for this run (incl. when wrk stopped)
        sleep 1
        g1=$(tail -n +"$((g0 + 1))" "$WORK/b.log" | grep -c ' ERROR ' || true)
    fi
    local line other
    line=$(grep '^BENCH_RESULT' "$out") || { cat "$out" >&2; die "no result from wrk against $target"; }
    other=$(other_ticks "$s0" "$s1")
    awk -v phase="$phase" -v round="$round" -v target="$target" -v conns="$conns" \
        -v ticks="$([[ -z $pid ]] && echo - || echo $((t1 - t0)))" -v l0="$l0" -v l1="$l1" -v p0="$p0" -v p1="$p1" \
        -v other="$other" -v ncpu="$NCPU" -v hz="$CLK_TCK" -v usage="$o1" -v gerr="$g1" -v cs="$([[ -z $pid ]] && echo - || echo $((c1 - c0)))" \
        -v acc="$([[ $a0 =~ ^[0-9]+$ && $a1 =~ ^[0-9]+$ ]] && echo $((a1 - a0 - 1)) || echo ?)" -v line="$line" 'BEGIN {
            n = split(line, kv, " ")
            for (i = 2; i <= n; i++) { split(kv[i], x, "="); r[x[1]] = x[2] }
            split(l0, a, " "); split(l1, b, " "); lb = (b[2] > a[2]) ? 100 * (b[1] - a[1]) / (b[2] - a[2]) : 0
            split(p0, a, " "); split(p1, b, " "); pb = (b[2] > a[2]) ? 100 * (b[1] - a[1]) / (b[2] - a[2]) : 0
            secs = r["duration_us"] / 1e6
            op = (secs > 0) ? 100 * other / hz / secs / ncpu : 0
            errs = r["err_connect"] + r["err_read"] + r["err_write"] + r["err_status"] + r["err_timeout"]
            printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.1f\t%.1f\t%.1f\t%s\t%s\t%s\t%s\n", phase, round, target,
                conns, r["requests"], r["duration_us"], r["rps"], r["p50_us"], r["p90_us"], r["p99_us"], r["p999_us"],
                r["max_us"], errs, ticks, lb, pb, op, usage, gerr, cs, (target == "direct" ? "-" : acc)
        }' >>"$RESULTS"
    tail -n 1 "$RESULTS" | awk -F'\t' '{ printf "  %-10s round %s %-8s c=%-3s %9.0f req/s  p50 %6.3f ms  p99 %7.3f ms  errors %s%s  other %s%%\n",
        $1, $2, $3, $4, $7, $8 / 1000, $10 / 1000, $13, ($19 == "-" ? "" : " (gateway log: " $19 " ERROR)"), $17 }' >&2
}

# ---------------------------------------------------------------- measurements
UPTIME_BEFORE=$(uptime)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
GC_LINES_WARM=0
B_LOG_LINES_WARM=0

log "warm-up: $BENCH_WARMUP s on the gateway at $BENCH_CONNECTIONS connections, then 5 s at 1"
if ((BENCH_WARMUP > 0)); then
    taskset -c "$BENCH_LOAD_CPU" wrk -t"$BENCH_WRK_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_WARMUP}s" \
        --timeout "$BENCH_WRK_TIMEOUT" -s "$BENCH_HOME/wrk/chat.lua" "$URL_CONDUIT" >"$WORK/wrk-warmup.txt" 2>&1 \
        || { cat "$WORK/wrk-warmup.txt" >&2; die "wrk failed during warm-up"; }
    taskset -c "$BENCH_LOAD_CPU" wrk -t1 -c1 -d5s -s "$BENCH_HOME/wrk/chat.lua" "$URL_CONDUIT" >"$WORK/wrk-warmup1.txt" 2>&1 || true
    taskset -c "$BENCH_LOAD_CPU" wrk -t1 -c1 -d3s -s "$BENCH_HOME/wrk/chat.lua" "$URL_NGINX" >/dev/null 2>&1 || true
    log "warm-up: $(grep '^BENCH_RESULT' "$WORK/wrk-warmup.txt" | cut -d' ' -f2,4,7,11-)"
fi
alive "$B_PID" || die "the gateway died during warm-up"
log "gateway idle for 5 s (CPU it uses without traffic)"
sleep 1
IDLE_T0=$(proc_ticks "$B_PID"); IDLE_C0=$(ctx_switches "$B_PID")
sleep 5
IDLE_T1=$(proc_ticks "$B_PID"); IDLE_C1=$(ctx_switches "$B_PID")
IDLE_CPU=$(awk -v t=$((IDLE_T1 - IDLE_T0)) -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", 100 * t / hz / 5 }')
IDLE_CS=$(((IDLE_C1 - IDLE_C0) / 5))
GC_LINES_WARM=$(grep -c 'Pause' "$WORK/b-gc.log" 2>/dev/null || true)
B_LOG_LINES_WARM=$(wc -l <"$WORK/b.log")

TARGETS=(direct nginx conduit)
log "added latency: $BENCH_ROUNDS rounds x {direct, nginx, conduit}, 1 connection, $BENCH_DURATION s each, interleaved"
for ((r = 1; r <= BENCH_ROUNDS; r++)); do
    for ((k = 0; k < 3; k++)); do
        run_wrk latency "$r" "${TARGETS[(r - 1 + k) % 3]}" 1 1 "$BENCH_DURATION"
    done
done

log "throughput: $BENCH_ROUNDS rounds x {conduit, nginx}, $BENCH_CONNECTIONS connections, $BENCH_DURATION s each"
if [[ $BENCH_PROFILE == 1 ]]; then
    log "profiling the gateway with JFR during the throughput runs (figures carry its overhead)"
    timeout 60 "$JAVA_HOME/bin/jcmd" "$B_PID" JFR.start name=bench settings=profile \
        filename="$WORK/gateway.jfr" >"$WORK/jfr.log" 2>&1 || { cat "$WORK/jfr.log" >&2; die "could not start JFR"; }
fi
for ((r = 1; r <= BENCH_ROUNDS; r++)); do
    if ((r % 2)); then order=(conduit nginx); else order=(nginx conduit); fi
    for t in "${order[@]}"; do
        run_wrk throughput "$r" "$t" "$BENCH_CONNECTIONS" "$BENCH_WRK_THREADS" "$BENCH_DURATION"
    done
done

if [[ $BENCH_PROFILE == 1 ]]; then
    timeout 120 "$JAVA_HOME/bin/jcmd" "$B_PID" JFR.stop name=bench >>"$WORK/jfr.log" 2>&1 || log "JFR.stop failed"
fi
UPTIME_AFTER=$(uptime)
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
alive "$B_PID" || die "the gateway died"

# ---------------------------------------------------------------- gateway log and GC during measurements
GC_FILE=$WORK/b-gc.log
CONDUIT_REQUESTS=$(awk -F'\t' 'NR > 1 && $3 == "conduit" { s += $5 } END { print s + 0 }' "$RESULTS")
# pauses after the warm-up; allocation estimated from the heap before each pause minus after the previous one
GC_SUMMARY=$(awk -v skip="$GC_LINES_WARM" -v req="$CONDUIT_REQUESTS" '
    function kb(v,  u) { u = substr(v, length(v)); v = substr(v, 1, length(v) - 1) + 0
        return u == "G" ? v * 1048576 : (u == "M" ? v * 1024 : (u == "K" ? v : v / 1024)) }
    /Pause/ {
        n++; before = -1
        if (match($0, /[0-9]+[BKMG]->[0-9]+[BKMG]/)) {
            split(substr($0, RSTART, RLENGTH), a, "->"); before = kb(a[1]); after = kb(a[2]) }
        if (n > skip) {
            m++; ms = $NF; sub(/ms$/, "", ms); ms += 0; total += ms; if (ms > max) max = ms
            if (before >= 0 && have) alloc += before - prev
        }
        if (before >= 0) { prev = after; have = 1 }
    }
    END {
        printf "%d pauses, max %.2f ms, total %.1f ms", m, max, total
        if (m >= 2 && req > 0) printf "; ~%.1f KiB allocated per request (heap growth between pauses / %d requests)", alloc / req, req
    }' "$WORK/b-gc.log" 2>/dev/null || echo "n/a")
B_LOG_TAIL=$WORK/b-measure.log
tail -n +"$((B_LOG_LINES_WARM + 1))" "$WORK/b.log" >"$B_LOG_TAIL"
B_ERRORS=$(grep -c ' ERROR ' "$B_LOG_TAIL" || true)
B_WARNS=$(grep -c ' WARN ' "$B_LOG_TAIL" || true)
B_ERRORS_ALL=$(grep -c ' ERROR ' "$WORK/b.log" || true)
USAGE_DROPPED=$(grep -c -e 'Usage queue full' -e 'could not be sent' -e 'could not be handed' "$WORK/b.log" || true)
B_RSS_KB=$(awk '/^VmRSS/ { print $2 }' "/proc/$B_PID/status" 2>/dev/null || echo 0)
B_THREADS=$(thread_snapshot "$B_PID" | awk -F'|' '{ n++ } $2 ~ /^reactor-http-ep/ { r++ } END { printf "%d threads, %d of them reactor-http-epoll event loops", n, r }')
# the distinct ERROR messages of the gateway (ids and numbers blanked), most frequent first
B_ERROR_KINDS=$(grep ' ERROR ' "$WORK/b.log" | sed -E -e 's/^[^ ]+ ERROR +\[[^]]*\] //' \
    -e 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/<id>/g' -e 's/[0-9]+/N/g' | cut -c1-160 \
    | sort | uniq -c | sort -rn | head -n 5 || true)

# ---------------------------------------------------------------- profile (BENCH_PROFILE=1)
PROFILE=$WORK/profile.txt
if [[ $BENCH_PROFILE == 1 && -s $WORK/gateway.jfr ]]; then
    JFR_TOOL=$JAVA_HOME/bin/jfr
    {
        echo "Execution samples of the gateway during its throughput runs (JFR, settings=profile)"
        echo
        echo "Self time by top frame:"
        timeout 300 "$JFR_TOOL" view --width 180 hot-methods "$WORK/gateway.jfr" 2>&1 | head -n 30
        echo
        echo "Inclusive share of samples per Conduit method (a method counts once per sample it is on):"
        timeout 300 "$JFR_TOOL" print --json --events jdk.ExecutionSample "$WORK/gateway.jfr" 2>/dev/null \
            | jq -r '.recording.events[].values.stackTrace.frames
                | [.[].method | "\(.type.name).\(.name)"] | unique | .[]' \
            | awk '{ n[$0]++ } END { for (m in n) print n[m] "\t" m }' >"$WORK/inclusive.tsv" || true
        TOTAL_SAMPLES=$(timeout 300 "$JFR_TOOL" summary "$WORK/gateway.jfr" 2>/dev/null \
            | awk '$1 == "jdk.ExecutionSample" { print $2 }')
        grep -E $'\tio\\.conduit\\.' "$WORK/inclusive.tsv" | sort -rn | head -n 25 \
            | awk -F'\t' -v t="${TOTAL_SAMPLES:-0}" '{ printf "  %5.1f%%  %s\n", (t > 0 ? 100 * $1 / t : 0), $2 }'
        echo
        echo "Allocation by site (top):"
        timeout 300 "$JFR_TOOL" view --width 180 allocation-by-site "$WORK/gateway.jfr" 2>&1 | head -n 25
    } >"$PROFILE"
fi

# ---------------------------------------------------------------- summary
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) { print "nan"; exit }
    if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
col() {         # col PHASE TARGET COLUMN -> values, one per round
    awk -F'\t' -v p="$1" -v t="$2" -v c="$3" 'NR > 1 && $1 == p && $3 == t { print $c }' "$RESULTS"
}
diff_col() {    # diff_col TARGET BASE COLUMN -> per-round latency difference TARGET - BASE
    awk -F'\t' -v t="$1" -v b="$2" -v c="$3" 'NR > 1 && $1 == "latency" { v[$2 " " $3] = $c; rounds[$2] = 1 }
        END { for (r in rounds) if ((r " " t) in v && (r " " b) in v) print v[r " " t] - v[r " " b] }' "$RESULTS"
}
sum_col() { col "$@" | awk '{ s += $1 } END { print s + 0 }'; }
cpu_per_req() { # cpu_per_req PHASE TARGET -> microseconds of CPU per completed request (all rounds)
    awk -F'\t' -v p="$1" -v t="$2" -v hz="$CLK_TCK" 'NR > 1 && $1 == p && $3 == t { ticks += $14; req += $5 }
        END { if (req > 0) printf "%.0f", ticks * 1e6 / hz / req; else print "nan" }' "$RESULTS"
}
cs_per_req() {  # cs_per_req PHASE TARGET -> context switches of the process per completed request
    awk -F'\t' -v p="$1" -v t="$2" 'NR > 1 && $1 == p && $3 == t { cs += $20; req += $5 }
        END { if (req > 0) printf "%.1f", cs / req; else print "nan" }' "$RESULTS"
}
ms() { awk -v v="$1" 'BEGIN { if (v == "nan") print "n/a"; else printf "%.3f", v / 1000 }'; }

CPU_MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
JAVA_VERSION=$("$JAVA" -version 2>&1 | head -n 1)
JAR_SHA=$(sha256sum "$JAR" | cut -c1-12)
GIT_REV=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo "?")
if git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null | grep -q .; then GIT_REV="$GIT_REV (modified)"; fi

declare -A LAT
for t in direct nginx conduit; do
    for c in 8 9 10 11 12; do LAT[$t.$c]=$(col latency "$t" "$c" | median); done
    LAT[$t.err]=$(sum_col latency "$t" 13)
    LAT[$t.other]=$(col latency "$t" 17 | median)
done
ADD_C50=$(diff_col conduit direct 8 | median); ADD_C99=$(diff_col conduit direct 10 | median)
ADD_N50=$(diff_col nginx direct 8 | median); ADD_N99=$(diff_col nginx direct 10 | median)
OVER_N50=$(diff_col conduit nginx 8 | median); OVER_N99=$(diff_col conduit nginx 10 | median)
declare -A TP
for t in nginx conduit; do
    TP[$t.rps]=$(col throughput "$t" 7 | median)
    TP[$t.all]=$(col throughput "$t" 7 | awk '{ printf "%s%.0f", (NR > 1 ? "/" : ""), $1 }')
    TP[$t.err]=$(sum_col throughput "$t" 13)
    TP[$t.p99]=$(col throughput "$t" 10 | median)
    TP[$t.cpu]=$(cpu_per_req throughput "$t")
    TP[$t.lb]=$(col throughput "$t" 15 | median)
    TP[$t.pb]=$(col throughput "$t" 16 | median)
    TP[$t.other]=$(col throughput "$t" 17 | median)
done
RATIO=$(awk -v a="${TP[conduit.rps]}" -v b="${TP[nginx.rps]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
RATIO_ROUNDS=$(awk -F'\t' 'NR > 1 && $1 == "throughput" { v[$2 " " $3] = $7; rounds[$2] = 1 }
    END { for (r in rounds) if (v[r " nginx"] > 0) print v[r " conduit"] / v[r " nginx"] }' "$RESULTS" | median)
RATIO_ROUNDS=$(awk -v v="$RATIO_ROUNDS" 'BEGIN { if (v == "nan") print "n/a"; else printf "%.2f", v }')
CPU_LAT_CONDUIT=$(cpu_per_req latency conduit)
CPU_LAT_NGINX=$(cpu_per_req latency nginx)
MAX_RPS_FROM_CPU=$(awk -v c="${TP[conduit.cpu]}" 'BEGIN { if (c > 0) printf "%.0f", 1e6 / c; else print "n/a" }')
PASS_TP=$(awk -v v="${TP[conduit.rps]}" -v e="${TP[conduit.err]}" 'BEGIN { print (v >= 5000 && e == 0) ? "PASS" : "FAIL" }')
PASS_LAT=$(awk -v v="$ADD_C99" 'BEGIN { print (v != "nan" && v <= 1000) ? "PASS" : "FAIL" }')

ACCOUNTING="skipped"
if [[ $BENCH_ACCOUNTING == 1 ]]; then
    ACCOUNTING=$(awk -F'\t' -v c="$BENCH_CONNECTIONS" 'NR > 1 && $1 == "throughput" && $3 == "conduit" {
            n++; if ($18 !~ /^[0-9]+$/) { unknown++; next }
            served += $5; produced += $18
            if ($18 < $5) short++; else if ($18 > $5 + c) over++ }
        END {
            verdict = (unknown ? "UNKNOWN (offsets not read)" : (short ? "FAIL: fewer usage records than requests served" : \
                (over ? "FAIL: more usage records than requests sent" : "OK")))
            printf "%d requests completed, %d usage records produced (%+d; up to %d in flight per run when wrk stops): %s",
                served, produced, produced - served, c, verdict }' "$RESULTS")
fi

SUMMARY=$WORK/summary.txt
{
    echo "Conduit proxy hot path - $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $NCPU cores ($CPU_MODEL), $(uname -r); $JAVA_VERSION; $(nginx -v 2>&1 | sed 's/^nginx version: //'); wrk $(wrk -v 2>&1 | head -n 1 | awk '{ print $2 }')"
    if [[ -n $BENCH_JAR ]]; then
        echo "conduit.jar sha256 $JAR_SHA (BENCH_JAR=$BENCH_JAR, $(date -u -r "$BENCH_JAR" '+%Y-%m-%d %H:%M UTC')); checkout $GIT_REV, not necessarily what the jar was built from"
    elif [[ $BENCH_SKIP_BUILD == 1 ]]; then
        echo "conduit.jar sha256 $JAR_SHA (existing server/target/conduit.jar, not built by this run); checkout $GIT_REV"
    else
        echo "conduit.jar sha256 $JAR_SHA, built by this run from checkout $GIT_REV"
    fi
    echo "layout: infra+admin JVM, fake upstream (nginx) and wrk on core $BENCH_LOAD_CPU; gateway JVM (ActiveProcessorCount=1, heap $BENCH_GATEWAY_HEAP) and nginx proxy_pass (1 worker) on core $BENCH_PROXY_CPU"
    echo "runs: warm-up ${BENCH_WARMUP} s; $BENCH_ROUNDS rounds x $BENCH_DURATION s per target and measurement, interleaved"
    echo "load average at start: $LOAD_START | before measuring: $LOAD_BEFORE | after: $LOAD_AFTER"
    echo "  uptime at start:  $UPTIME_START"
    echo "  uptime before:    $UPTIME_BEFORE"
    echo "  uptime after:     $UPTIME_AFTER"
    if awk -v l="${LOAD_START%% *}" -v w="$BENCH_LOAD_WARN" 'BEGIN { exit !(l > w) }'; then
        echo "  NOTE: the load average at start was above $BENCH_LOAD_WARN: other work was running; treat absolute figures as rough"
    fi
    echo
    echo "1) Latency at 1 connection (wrk -t1 -c1), median of $BENCH_ROUNDS rounds, milliseconds"
    printf '   %-18s %8s %8s %8s %9s %9s %7s %7s\n' target p50 p90 p99 p99.9 max errors other%
    for t in direct nginx conduit; do
        printf '   %-18s %8s %8s %8s %9s %9s %7s %7s\n' "$t" "$(ms "${LAT[$t.8]}")" "$(ms "${LAT[$t.9]}")" \
            "$(ms "${LAT[$t.10]}")" "$(ms "${LAT[$t.11]}")" "$(ms "${LAT[$t.12]}")" "${LAT[$t.err]}" "${LAT[$t.other]}"
    done
    echo "   added vs direct (median of per-round differences):"
    printf '   %-18s p50 %+8s ms   p99 %+8s ms\n' "nginx proxy_pass" "$(ms "$ADD_N50")" "$(ms "$ADD_N99")"
    printf '   %-18s p50 %+8s ms   p99 %+8s ms   target p99 <= 1 ms: %s\n' "conduit" "$(ms "$ADD_C50")" "$(ms "$ADD_C99")" "$PASS_LAT"
    printf '   %-18s p50 %+8s ms   p99 %+8s ms\n' "conduit vs nginx" "$(ms "$OVER_N50")" "$(ms "$OVER_N99")"
    echo
    echo "2) Throughput, $BENCH_CONNECTIONS connections (wrk -t$BENCH_WRK_THREADS), proxy pinned to core $BENCH_PROXY_CPU"
    printf '   %-18s %10s %-22s %7s %9s %12s %9s %9s %7s\n' target "req/s" "(rounds)" errors "p99 ms" "CPU us/req" \
        "core$BENCH_LOAD_CPU%" "core$BENCH_PROXY_CPU%" other%
    for t in nginx conduit; do
        printf '   %-18s %10.0f %-22s %7s %9s %12s %9s %9s %7s\n' "$t" "${TP[$t.rps]}" "(${TP[$t.all]})" "${TP[$t.err]}" \
            "$(ms "${TP[$t.p99]}")" "${TP[$t.cpu]}" "${TP[$t.lb]}" "${TP[$t.pb]}" "${TP[$t.other]}"
    done
    echo "   conduit / nginx proxy_pass: $RATIO (median of per-round ratios $RATIO_ROUNDS)     target >= 5000 req/s with zero errors: $PASS_TP"
    echo
    echo "3) CPU per request (utime+stime of the process / completed requests)"
    echo "   conduit: ${TP[conduit.cpu]} us at $BENCH_CONNECTIONS connections (=> at most $MAX_RPS_FROM_CPU req/s per core), $CPU_LAT_CONDUIT us at 1 connection"
    echo "   nginx proxy_pass: ${TP[nginx.cpu]} us at $BENCH_CONNECTIONS connections, $CPU_LAT_NGINX us at 1 connection"
    echo "   context switches per request: conduit $(cs_per_req throughput conduit) at $BENCH_CONNECTIONS connections, $(cs_per_req latency conduit) at 1;" \
        "nginx $(cs_per_req throughput nginx) / $(cs_per_req latency nginx)"
    echo "   conduit without traffic (after warm-up): $IDLE_CPU% of a core, $IDLE_CS context switches/s"
    echo "   new upstream connections per run (fake's accepts; 0 = pooled connections reused): conduit" \
        "$(col latency conduit 21 | paste -sd/) at 1 conn, $(col throughput conduit 21 | paste -sd/) at $BENCH_CONNECTIONS;" \
        "nginx $(col latency nginx 21 | paste -sd/) / $(col throughput nginx 21 | paste -sd/)"
    echo
    echo "4) Usage accounting during the throughput runs: $ACCOUNTING"
    echo "   gateway log while measuring: $B_ERRORS ERROR, $B_WARNS WARN lines ($B_ERRORS_ALL ERROR in the whole run; $USAGE_DROPPED usage send failures/drops)"
    echo "   gateway GC while measuring: $GC_SUMMARY; RSS at end $((B_RSS_KB / 1024)) MiB; $B_THREADS"
    for ph in latency throughput; do
        echo "   gateway CPU by thread, $ph runs (share of the process's CPU):"
        awk -F'\t' -v p="$ph" '$1 == p { n = $2; gsub(/[0-9]+$/, "#", n); t[n] += $3; all += $3 }
            END { for (k in t) printf "%.1f\t%s\n", 100 * t[k] / all, k }' "$WORK/threads.tsv" 2>/dev/null \
            | sort -rn | head -n 8 | awk -F'\t' '{ printf "     %5.1f%%  %s\n", $1, $2 }'
    done
    JIT_SHARE=$(awk -F'\t' '{ all += $3 } $2 ~ /^C[12] Compiler/ { jit += $3 }
        END { if (all > 0) printf "%.0f", 100 * jit / all; else print 0 }' "$WORK/threads.tsv" 2>/dev/null || echo 0)
    if ((JIT_SHARE >= 10)); then
        echo "   NOTE: the JIT compilers used $JIT_SHARE% of the gateway's CPU while measuring: it was not fully warm (raise BENCH_WARMUP)"
    fi
    if [[ -n $B_ERROR_KINDS ]]; then
        echo "   gateway ERROR messages (count, message):"
        printf '%s\n' "$B_ERROR_KINDS" | sed 's/^/     /'
    fi
    echo
    if [[ -s $PROFILE ]]; then
        echo "5) Profile (BENCH_PROFILE=1; these runs carry the profiler's overhead)"
        sed 's/^/   /' "$PROFILE"
        echo
    fi
    echo "other% = CPU used by processes this benchmark did not start, as a share of all $NCPU cores, during the run;"
    echo "coreN% = how busy that core was. A busy load core ($BENCH_LOAD_CPU) means wrk/upstream limit the figure, not the proxy."
} >"$SUMMARY"

if [[ -n $BENCH_OUT ]]; then
    mkdir -p "$BENCH_OUT"
    cp "$SUMMARY" "$RESULTS" "$BENCH_OUT/"
    cp "$WORK/threads.tsv" "$BENCH_OUT/gateway-threads.tsv" 2>/dev/null || true
    cp "$WORK"/wrk-*.txt "$BENCH_OUT/" 2>/dev/null || true
    cp "$WORK/b-measure.log" "$BENCH_OUT/gateway-during-measurement.log" 2>/dev/null || true
    cp "$GC_FILE" "$BENCH_OUT/gateway-gc.log" 2>/dev/null || true
    cp "$WORK/gateway.jfr" "$BENCH_OUT/" 2>/dev/null || true
    log "summary and raw results copied to $BENCH_OUT"
fi
echo
cat "$SUMMARY"
