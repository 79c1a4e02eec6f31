#!/usr/bin/env bash
# How late the dispatcher delivers scheduled injects, on the packaged app and a local PostgreSQL:
# starts the app on its own ports and database with bench/scenarios, runs a drill at 1x through
# the forms and prints the delay of every timed inject (median, p95, p99, max). Exits non-zero
# when p99 reaches BENCH_P99_LIMIT_MS (250 ms). See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

db=${BENCH_DB:-breachdrill_bench}
port=${BENCH_PORT:-18090}
management=${BENCH_MANAGEMENT_PORT:-19090}
teams=${BENCH_TEAMS:-3}
limit=${BENCH_P99_LIMIT_MS:-250}
pg=${BENCH_PG:-127.0.0.1}
admin_email=bench.admin@example.com
admin_password="the benchmark's admin password"
jar=${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}

for p in "$port" "$management"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "Port $p is in use; set BENCH_PORT and BENCH_MANAGEMENT_PORT to free ones." >&2
    exit 2
  fi
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

log=$(mktemp "${TMPDIR:-/tmp}/breachdrill-bench.XXXXXX.log")
echo "== App on :$port (management :$management), log $log"
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$pg:5432/$db" \
QUARKUS_DATASOURCE_USERNAME=postgres \
QUARKUS_HTTP_PORT="$port" \
QUARKUS_MANAGEMENT_PORT="$management" \
BREACHDRILL_ADMIN_EMAIL="$admin_email" \
BREACHDRILL_ADMIN_PASSWORD="$admin_password" \
BREACHDRILL_SCENARIOS_DIR=bench/scenarios \
  java -jar "$jar" >"$log" 2>&1 &
app=$!
stop_app() {
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
}
trap stop_app EXIT

echo "== Machine: $(nproc) cores, $(awk '{print $1, $2, $3}' /proc/loadavg) load, $(java -version 2>&1 | head -n 1)"
status=0
java bench/DeliveryDelay.java \
  --base "http://127.0.0.1:$port" \
  --management "http://127.0.0.1:$management" \
  --scenario bench/scenarios/delivery-bench.yaml \
  --teams "$teams" \
  --admin-email "$admin_email" \
  --admin-password "$admin_password" \
  --limit-ms "$limit" || status=$?
if [ "$status" -ge 2 ]; then
  echo "== Last lines of the app's log" >&2
  tail -n 40 "$log" >&2
fi
echo "== Load at the end: $(awk '{print $1, $2, $3}' /proc/loadavg)"
exit "$status"
