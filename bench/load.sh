#!/usr/bin/env bash
# The load harness on the packaged app and a local PostgreSQL: recreates a database, starts the app
# (BENCH_NODES=2: two nodes on that database) with bench/scenarios, runs bench/load/LoadHarness
# against it with the nodes' pids for RSS and CPU, and stops the app. Options after the script's
# name go to the harness (see --help), for example:
#   bench/load.sh --drills 10 --teams 10 --members 10 --speed 10 --page-rate 300
# With BENCH_BASE set, nothing is started: the harness runs against that instance. See
# bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

db=${BENCH_DB:-breachdrill_load}
nodes=${BENCH_NODES:-1}
ports=("${BENCH_PORT:-18181}" "${BENCH_PORT2:-18182}")
managements=("${BENCH_MANAGEMENT_PORT:-19181}" "${BENCH_MANAGEMENT_PORT2:-19182}")
pg=${BENCH_PG:-127.0.0.1}
admin_email=${BREACHDRILL_ADMIN_EMAIL:-bench.admin@example.com}
admin_password=${BREACHDRILL_ADMIN_PASSWORD:-"the benchmark's admin password"}
jar=${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}
# The app's heap is capped so that RSS says something about a deployment (the image's default,
# 75 % of the container, would let the heap grow with the machine here).
app_opts=${BENCH_JAVA_OPTS:-"-Xmx400m"}
harness_opts=${BENCH_HARNESS_JAVA_OPTS:-"-Xms256m -Xmx1g"}
out=${BENCH_OUT:-target/bench-load-$(date +%Y%m%d-%H%M%S).csv}
node_cpus=${BENCH_NODE_CPUS:-}

# A thousand streams are a thousand sockets on each side.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

classes=$(mktemp -d "${TMPDIR:-/tmp}/breachdrill-load.XXXXXX")
apps=()
logs=()
cgroups=()
cleanup() {
  for app in "${apps[@]}"; do
    kill "$app" 2>/dev/null || true
  done
  for app in "${apps[@]}"; do
    wait "$app" 2>/dev/null || true
  done
  for cgroup in "${cgroups[@]}"; do
    rmdir "$cgroup" 2>/dev/null || true
  done
  rm -rf "$classes"
}
trap cleanup EXIT

javac -d "$classes" bench/load/*.java
mkdir -p "$(dirname "$out")"

if [ -n "${BENCH_BASE:-}" ]; then
  echo "== Against $BENCH_BASE (nothing started)"
  exec_args=(--base "$BENCH_BASE" --admin-email "$admin_email" --admin-password "$admin_password"
    --clk-tck "$(getconf CLK_TCK)" --out "$out")
  [ -n "${BENCH_MANAGEMENT:-}" ] && exec_args+=(--management "$BENCH_MANAGEMENT")
  [ -n "${BENCH_PIDS:-}" ] && exec_args+=(--pid "$BENCH_PIDS")
  # shellcheck disable=SC2086
  java $harness_opts -cp "$classes" LoadHarness "${exec_args[@]}" "$@"
  exit $?
fi

if [ "$nodes" != 1 ] && [ "$nodes" != 2 ]; then
  echo "BENCH_NODES must be 1 or 2." >&2
  exit 2
fi
for ((n = 0; n < nodes; n++)); do
  for p in "${ports[$n]}" "${managements[$n]}"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "Port $p is in use; set BENCH_PORT, BENCH_MANAGEMENT_PORT (and ...2 for node 2)." >&2
      exit 2
    fi
  done
done

if [ ! -f "$jar" ]; then
  if [ -n "${BENCH_JAR:-}" ]; then
    echo "BENCH_JAR=$jar does not exist." >&2
    exit 2
  fi
  echo "== Building $jar"
  ./mvnw -q -B package -DskipTests
fi

echo "== Database $db (recreated)"
PGOPTIONS='--client-min-messages=warning' psql -h "$pg" -U postgres -v ON_ERROR_STOP=1 -q \
  -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"

bases=()
mgmts=()
pids=()
for ((n = 0; n < nodes; n++)); do
  log=$(mktemp "${TMPDIR:-/tmp}/breachdrill-load-node$((n + 1)).XXXXXX.log")
  logs+=("$log")
  echo "== Node $((n + 1)) on :${ports[$n]} (management :${managements[$n]}), JVM $app_opts, log $log"
  # With BENCH_NODE_CPUS each node gets that many cores' worth of CPU time (a cgroup v1 quota),
  # as a node of that size would: capacity per node can then be compared with one and two nodes
  # on this one machine, which PostgreSQL and the harness share.
  cgroup=""
  if [ -n "$node_cpus" ]; then
    cgroup=/sys/fs/cgroup/cpu/breachdrill-bench-node$((n + 1))
    mkdir -p "$cgroup"
    echo 100000 >"$cgroup/cpu.cfs_period_us"
    awk -v c="$node_cpus" 'BEGIN { printf "%d\n", c * 100000 }' >"$cgroup/cpu.cfs_quota_us"
    cgroups+=("$cgroup")
    echo "   limited to $node_cpus CPU ($cgroup)"
  fi
  # shellcheck disable=SC2086
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$pg:5432/$db" \
  QUARKUS_DATASOURCE_USERNAME=postgres \
  QUARKUS_HTTP_PORT="${ports[$n]}" \
  QUARKUS_MANAGEMENT_PORT="${managements[$n]}" \
  BREACHDRILL_ADMIN_EMAIL="$admin_email" \
  BREACHDRILL_ADMIN_PASSWORD="$admin_password" \
  BREACHDRILL_SCENARIOS_DIR=bench/scenarios \
  CGROUP="$cgroup" \
    bash -c '[ -n "$CGROUP" ] && echo $$ >"$CGROUP/cgroup.procs"; exec java "$@"' java \
    $app_opts -jar "$jar" >"$log" 2>&1 &
  apps+=($!)
  pids+=($!)
  bases+=("http://127.0.0.1:${ports[$n]}")
  mgmts+=("http://127.0.0.1:${managements[$n]}")
  # The first node migrates the database and creates the admin before the second starts.
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:${managements[$n]}/q/health/ready" >/dev/null && break
    if ! kill -0 "$!" 2>/dev/null; then
      echo "Node $((n + 1)) stopped; the end of its log:" >&2
      tail -n 40 "$log" >&2
      exit 2
    fi
    sleep 0.5
  done
done

# BENCH_WARMUP: harness options for a first pass whose figures are set aside (in a -warmup CSV and
# log), so that the measured pass sees compiled code: a node capped at half a core spends much of
# a short run compiling. The measured pass's "idle" RSS is then the RSS after that pass.
if [ -n "${BENCH_WARMUP:-}" ]; then
  echo "== Warm-up pass: $BENCH_WARMUP (log ${out%.csv}-warmup.log)"
  # shellcheck disable=SC2086
  java $harness_opts -cp "$classes" LoadHarness \
    --base "$(IFS=,; echo "${bases[*]}")" \
    --management "$(IFS=,; echo "${mgmts[*]}")" \
    --admin-email "$admin_email" \
    --admin-password "$admin_password" \
    --out "${out%.csv}-warmup.csv" \
    $BENCH_WARMUP >"${out%.csv}-warmup.log" 2>&1 || echo "   the warm-up pass failed; see its log"
fi

echo "== Machine: $(nproc) cores, $(awk '{print $1, $2, $3}' /proc/loadavg) load, $(java -version 2>&1 | head -n 1)"
status=0
# shellcheck disable=SC2086
java $harness_opts -cp "$classes" LoadHarness \
  --base "$(IFS=,; echo "${bases[*]}")" \
  --management "$(IFS=,; echo "${mgmts[*]}")" \
  --pid "$(IFS=,; echo "${pids[*]}")" \
  --clk-tck "$(getconf CLK_TCK)" \
  --admin-email "$admin_email" \
  --admin-password "$admin_password" \
  --out "$out" \
  "$@" || status=$?
for ((n = 0; n < nodes; n++)); do
  echo "== Node $((n + 1)) log: $(grep -c ' ERROR ' "${logs[$n]}" || true) ERROR and $(grep -c ' WARN ' "${logs[$n]}" || true) WARN lines (${logs[$n]})"
  if [ "$status" -ge 2 ]; then
    tail -n 40 "${logs[$n]}" >&2
  fi
done
echo "== Load at the end: $(awk '{print $1, $2, $3}' /proc/loadavg)"
exit "$status"
