#!/usr/bin/env bash
# shellcheck disable=SC2086,SC2015  # /proc fields are split on purpose (under set -f); A && B || die is intended
# Shared by the benchmark scripts (sourced, not run): logging, the processes a script starts and
# stops by PID on exit, Debian tools it needs, a JDK 25, and small probes. A script sets BENCH_KEEP
# and BENCH_LOG_TAG before sourcing it; it makes WORK, the script's temporary directory.

log() { printf '[%s %s] %s\n' "${BENCH_LOG_TAG:-bench}" "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- processes and cleanup
WORK=$(mktemp -d "${TMPDIR:-/tmp}/conduit-bench.XXXXXX")
PIDS=()        # "pid:starttime:name", stopped in reverse order
LATE_PIDS=()   # stopped last (the embedded PostgreSQL postmaster, normally stopped by its JVM)
POLICY_RC_CREATED=0

proc_field() {  # proc_field PID N -> field N of /proc/PID/stat counted after "(comm)": 1=state 2=ppid ...
    local line
    line=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    line=${line##*) }
    set -f; set -- $line "$2"; set +f
    local n=${!#}
    printf '%s\n' "${!n}"
}
starttime() { proc_field "$1" 20; }
alive() {       # alive PID [STARTTIME]: running (not a zombie) and, if given, the same process
    local st
    st=$(proc_field "$1" 1) || return 1
    [[ $st != Z && $st != X ]] || return 1
    [[ -z ${2:-} ]] || [[ $(starttime "$1") == "$2" ]]
}
register() {    # register PID NAME [late]
    local st
    st=$(starttime "$1") || { log "process $2 ($1) is already gone"; return 0; }
    if [[ ${3:-} == late ]]; then LATE_PIDS+=("$1:$st:$2"); else PIDS+=("$1:$st:$2"); fi
}
stop_one() {    # stop_one "pid:starttime:name" GRACE_SECONDS
    local pid=${1%%:*} rest=${1#*:} st name i
    st=${rest%%:*}; name=${rest#*:}
    alive "$pid" "$st" || { wait "$pid" 2>/dev/null || true; return 0; }
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < $2 * 10; i++)); do
        alive "$pid" "$st" || break
        sleep 0.1
    done
    if alive "$pid" "$st"; then
        log "$name ($pid) did not stop in $2 s, killing it"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 0.2
    fi
    wait "$pid" 2>/dev/null || true
}
cleanup() {
    local rc=$? i
    set +e
    trap - EXIT INT TERM
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_one "${PIDS[i]}" 30; done
    for ((i = ${#LATE_PIDS[@]} - 1; i >= 0; i--)); do stop_one "${LATE_PIDS[i]}" 10; done
    if ((POLICY_RC_CREATED)); then rm -f /usr/sbin/policy-rc.d; fi
    if ((rc == 0)) && [[ $BENCH_KEEP != 1 ]]; then
        rm -rf "$WORK"
    else
        [[ $BENCH_KEEP == 1 ]] || rm -f "$WORK/conduit.jar"
        log "logs and raw results kept in $WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- tools
install_missing() {   # install_missing COMMAND=PACKAGE ...: installs the packages of missing commands
    local need=() pair
    for pair in "$@"; do command -v "${pair%%=*}" >/dev/null || need+=("${pair#*=}"); done
    ((${#need[@]})) || return 0
    [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null \
        || die "missing tools; install the Debian packages: ${need[*]}"
    log "installing ${need[*]}"
    # keep the package scripts from starting a system nginx on port 80 where services may start
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && POLICY_RC_CREATED=1
    fi
    DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq "${need[@]}" >"$WORK/apt.log" 2>&1 || {
        timeout 300 apt-get update -qq >>"$WORK/apt.log" 2>&1 || true
        DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq "${need[@]}" >>"$WORK/apt.log" 2>&1 \
            || { tail -20 "$WORK/apt.log" >&2; die "could not install ${need[*]}"; }
    }
    if ((POLICY_RC_CREATED)); then rm -f /usr/sbin/policy-rc.d; POLICY_RC_CREATED=0; fi
    for pair in "$@"; do command -v "${pair%%=*}" >/dev/null || die "${pair%%=*} still missing"; done
}

# a JDK 25 the way ./mvnw finds one (JAVA_HOME, java on the PATH, /usr/lib/jvm, /opt)
if [[ -f $REPO/.mvn/jdk25.sh ]]; then
    # shellcheck source=/dev/null
    . "$REPO/.mvn/jdk25.sh"
else
    [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]] || die "no .mvn/jdk25.sh and no JAVA_HOME"
fi
JAVA=$JAVA_HOME/bin/java
JAVAC=$JAVA_HOME/bin/javac

# ---------------------------------------------------------------- probes
wait_for() {    # wait_for WHAT TIMEOUT PID COMMAND...: run COMMAND until it succeeds
    local what=$1 timeout=$2 pid=$3 deadline
    shift 3
    deadline=$((SECONDS + timeout))
    until "$@" >/dev/null 2>&1; do
        if [[ -n $pid ]] && ! alive "$pid"; then die "$what: the process exited while starting"; fi
        ((SECONDS < deadline)) || die "$what: not ready after $timeout s"
        sleep 0.5
    done
}
http_code() {   # http_code URL [curl args...] -> prints the status code ("000" when no answer)
    local url=$1
    shift
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" "$url" || true
}
is_200() { [[ $(http_code "$@") == 200 ]]; }
tail_log() { log "last lines of $1:"; tail -n "${2:-30}" "$1" >&2 || true; }

CLK_TCK=$(getconf CLK_TCK)
proc_ticks() {  # utime+stime of a process (all its threads)
    local line
    line=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
    line=${line##*) }
    set -f; set -- $line; set +f
    echo $((${12} + ${13}))
}

# ---------------------------------------------------------------- the jar
prepare_jar() {  # sets JAR: a private copy of BENCH_JAR, or of server/target/conduit.jar (built unless BENCH_SKIP_BUILD=1)
    if [[ -n $BENCH_JAR ]]; then
        JAR_SRC=$BENCH_JAR
        log "using BENCH_JAR=$JAR_SRC (no build)"
    else
        JAR_SRC=$REPO/server/target/conduit.jar
        if [[ $BENCH_SKIP_BUILD == 1 ]]; then
            log "BENCH_SKIP_BUILD=1: using $JAR_SRC"
        else
            log "building: ./mvnw -q -DskipTests package (BENCH_SKIP_BUILD=1 to skip)"
            (cd "$REPO" && timeout "$BENCH_BUILD_TIMEOUT" ./mvnw -q -DskipTests package) || die "build failed"
        fi
    fi
    [[ -f $JAR_SRC ]] || die "no jar at $JAR_SRC"
    # a private copy: other builds on the machine may replace server/target/conduit.jar mid-run
    cp "$JAR_SRC" "$WORK/conduit.jar"
    JAR=$WORK/conduit.jar
}

# ---------------------------------------------------------------- Conduit process A: admin + embedded infrastructure
OUR_ROOTS="$$"   # this script and the embedded PostgreSQL postmaster: the processes counted as ours
# start_infra CPU: CONDUIT_ROLES=admin with embedded Kafka, PostgreSQL and S3 on P_KAFKA, P_PG, P_S3,
# the admin API on P_ADMIN (P_A_INGRESS, P_A_WEBUI are not opened); sets A_PID, ADMIN, MASTER_KEY,
# ENCRYPTION_KEY and UNSET_ARGS (env -u arguments clearing every Conduit variable of the caller).
start_infra() {
    local BENCH_LOAD_CPU=$1
    MASTER_KEY=bench-$(openssl rand -hex 24)
    ENCRYPTION_KEY=$(openssl rand -base64 32)
    CONDUIT_VARS=(CONDUIT_ROLES CONDUIT_DATA_DIR CONDUIT_BIND_ADDRESS CONDUIT_INGRESS_PORT CONDUIT_ADMIN_PORT
        CONDUIT_WEBUI_PORT CONDUIT_EMBEDDED_KAFKA_PORT CONDUIT_EMBEDDED_POSTGRES_PORT CONDUIT_EMBEDDED_S3_PORT
        CONDUIT_API_TO_API_BACKEND_AUTH_KEY CONDUIT_ENCRYPTION_KEY KAFKA_BOOTSTRAP_SERVERS DATABASE_URL
        CONDUIT_S3_ENDPOINT CONDUIT_S3_ACCESS_KEY CONDUIT_S3_SECRET_KEY CONDUIT_S3_BUCKET CONDUIT_S3_REGION
        CONDUIT_CONFIG_FILE CONDUIT_KAFKA_REPLICATION_FACTOR CONDUIT_MAX_BODY_BYTES)
    UNSET_ARGS=()
    for v in "${CONDUIT_VARS[@]}"; do UNSET_ARGS+=(-u "$v"); done

    mkdir -p "$WORK/a" "$WORK/b"
    log "starting process A: CONDUIT_ROLES=admin with embedded Kafka/PostgreSQL/S3 (core $BENCH_LOAD_CPU)"
    env "${UNSET_ARGS[@]}" \
        CONDUIT_ROLES=admin CONDUIT_DATA_DIR="$WORK/a" CONDUIT_BIND_ADDRESS=127.0.0.1 \
        CONDUIT_INGRESS_PORT="$P_A_INGRESS" CONDUIT_ADMIN_PORT="$P_ADMIN" CONDUIT_WEBUI_PORT="$P_A_WEBUI" \
        CONDUIT_EMBEDDED_KAFKA_PORT="$P_KAFKA" CONDUIT_EMBEDDED_POSTGRES_PORT="$P_PG" CONDUIT_EMBEDDED_S3_PORT="$P_S3" \
        CONDUIT_API_TO_API_BACKEND_AUTH_KEY="$MASTER_KEY" CONDUIT_ENCRYPTION_KEY="$ENCRYPTION_KEY" \
        taskset -c "$BENCH_LOAD_CPU" "$JAVA" -Xms256m -Xmx1536m -jar "$JAR" >"$WORK/a.log" 2>&1 </dev/null &
    A_PID=$!
    register "$A_PID" "conduit A (admin+infra)"
    ADMIN=http://127.0.0.1:$P_ADMIN
    admin_ready() { is_200 "$ADMIN/api/providers" -H "X-API-Key: $MASTER_KEY"; }
    if ! (wait_for "process A" "$BENCH_START_TIMEOUT" "$A_PID" admin_ready); then
        tail_log "$WORK/a.log"; die "process A did not start"
    fi
    if [[ -f $WORK/a/postgres/postmaster.pid ]]; then
        PG_PID=$(head -n 1 "$WORK/a/postgres/postmaster.pid")
        if tr '\0' ' ' <"/proc/$PG_PID/cmdline" 2>/dev/null | grep -qF "$WORK/a/postgres"; then
            register "$PG_PID" "embedded postgres" late
            OUR_ROOTS="$OUR_ROOTS $PG_PID"
        fi
    fi
}
