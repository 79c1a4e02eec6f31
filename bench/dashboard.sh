#!/usr/bin/env bash
# The managers' dashboard over 10,000 finished drills, on the packaged app and a local PostgreSQL:
# recreates the database, starts the app on its own ports (it migrates the schema, loads the
# scenario library and creates the admin), seeds the drills and their stored scorecards with SQL
# (bench/dashboard/DashboardSeed.java), then times GET /dashboard (with filters, later pages) and every CSV
# export as a manager (bench/dashboard/DashboardBench.java), and stops the app. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

db=${BENCH_DB:-breachdrill_bench_micro}
port=${BENCH_PORT:-18281}
management=${BENCH_MANAGEMENT_PORT:-19281}
drills=${BENCH_DRILLS:-10000}
warmup=${BENCH_WARMUP:-20}
runs=${BENCH_RUNS:-200}
pg=${BENCH_PG:-127.0.0.1}
jar=${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}
admin_email=bench.manager@example.com
admin_password="the dashboard benchmark's password"

for p in "$port" "$management"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "Port $p is in use; set BENCH_PORT and BENCH_MANAGEMENT_PORT to free ones." >&2
    exit 2
  fi
done
if [ ! -f "$jar" ]; then
  echo "== Building $jar"
  ./mvnw -q -B package -DskipTests
fi
classpath_file=target/micro-classpath.txt
if [ ! -f "$classpath_file" ] || [ pom.xml -nt "$classpath_file" ]; then
  ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime
fi

psql_db() { PGOPTIONS='--client-min-messages=warning' psql -h "$pg" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }

if [ -z "${BENCH_REUSE_DB:-}" ]; then
  echo "== Database $db (recreated)"
  psql_db -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
fi

log=$(mktemp "${TMPDIR:-/tmp}/breachdrill-dashboard.XXXXXX.log")
echo "== App on :$port (management :$management), log $log"
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$pg:5432/$db" \
QUARKUS_DATASOURCE_USERNAME=postgres \
QUARKUS_HTTP_PORT="$port" \
QUARKUS_MANAGEMENT_PORT="$management" \
BREACHDRILL_ADMIN_EMAIL="$admin_email" \
BREACHDRILL_ADMIN_PASSWORD="$admin_password" \
BREACHDRILL_SCENARIOS_DIR=scenarios \
  java ${BENCH_JAVA_OPTS:-} -jar "$jar" >"$log" 2>&1 &
app=$!
stop_app() {
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
}
trap stop_app EXIT
for _ in $(seq 120); do
  if curl -sf "http://127.0.0.1:$management/q/health/ready" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$app" 2>/dev/null; then
    echo "The app stopped; the end of its log:" >&2
    tail -n 40 "$log" >&2
    exit 2
  fi
  sleep 1
done

if [ -z "${BENCH_REUSE_DB:-}" ]; then
  echo "== Seeding $drills finished drills"
  start=$(date +%s)
  java -cp "target/classes:$(cat "$classpath_file")" bench/dashboard/DashboardSeed.java \
    "$drills" scenarios "$admin_email" | psql_db -d "$db"
  echo "   seeded in $(($(date +%s) - start)) s"
fi

echo "== Machine: $(nproc) cores, load $(awk '{print $1, $2, $3}' /proc/loadavg), $(java -version 2>&1 | head -n 1), $(psql -h "$pg" -U postgres -tAc 'SHOW server_version')"
java bench/dashboard/DashboardBench.java --base "http://127.0.0.1:$port" \
  --email "$admin_email" --password "$admin_password" \
  --warmup "$warmup" --runs "$runs" --pid "$app" ${BENCH_ONLY:+--only "$BENCH_ONLY"}
echo "== Load at the end: $(awk '{print $1, $2, $3}' /proc/loadavg)"
