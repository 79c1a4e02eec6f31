#!/usr/bin/env bash
# What the HTTP scorecard of one drill of 10,000 events costs end to end, on the packaged app and a
# local PostgreSQL: recreates a database, starts the app on its own ports, stores one finished
# drill of about 10,000 events (bench/micro/ScorecardSeed.java: 120 teams of bucket-siphon played
# through the engine), then times GET /drills/{id}/scorecard (the page) and
# /api/drills/{id}/scorecard (JSON) as a manager, and stops the app. Each request reads the log
# from PostgreSQL, folds it, scores it and renders it. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

db=${BENCH_DB:-breachdrill_bench_micro_scorecard}
port=${BENCH_PORT:-18281}
management=${BENCH_MANAGEMENT_PORT:-19281}
events=${BENCH_EVENTS:-10000}
warmup=${BENCH_WARMUP:-20}
runs=${BENCH_RUNS:-200}
pg=${BENCH_PG:-127.0.0.1}
jar=${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}
admin_email=bench.manager@example.com
admin_password="the scorecard benchmark's password"

for p in "$port" "$management"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "Port $p is in use; set BENCH_PORT and BENCH_MANAGEMENT_PORT to free ones." >&2
    exit 2
  fi
done
if [ ! -f "$jar" ]; then
  ./mvnw -q -B package -DskipTests
fi
classpath_file=target/micro-classpath.txt
if [ ! -f "$classpath_file" ] || [ pom.xml -nt "$classpath_file" ]; then
  ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime
fi
runtime=$(cat "$classpath_file")
out=target/micro-scorecard
rm -rf "$out"
mkdir -p "$out"
javac -d "$out" -cp "target/classes:$runtime" $(find bench/micro -name '*.java')

psql_db() { PGOPTIONS='--client-min-messages=warning' psql -h "$pg" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql_db -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"

log=$(mktemp "${TMPDIR:-/tmp}/breachdrill-scorecard.XXXXXX.log")
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
    tail -n 40 "$log" >&2
    exit 2
  fi
  sleep 1
done

echo "== Storing one finished drill of about $events events"
drill=$(java -cp "$out:target/classes:$runtime" ScorecardSeed \
  "jdbc:postgresql://$pg:5432/$db" scenarios/bucket-siphon.yaml "$admin_email" "$events")
psql_db -d "$db" -c "INSERT INTO user_role (user_id, role)
  SELECT id, 'MANAGER' FROM app_user WHERE email = '$admin_email'"
psql_db -d "$db" -tAc "SELECT 'drill $drill: ' || count(*) || ' events, '
  || count(DISTINCT team_id) || ' teams, ' || pg_size_pretty(sum(length(data))) || ' of JSON'
  FROM drill_event WHERE drill_id = $drill"

echo "== Machine: $(nproc) cores, load $(awk '{print $1, $2, $3}' /proc/loadavg), $(java -version 2>&1 | head -n 1)"
java bench/dashboard/DashboardBench.java --base "http://127.0.0.1:$port" \
  --email "$admin_email" --password "$admin_password" --pid "$app" \
  --warmup "$warmup" --runs "$runs" \
  --paths "/drills/$drill/scorecard,/api/drills/$drill/scorecard"
echo "== Load at the end: $(awk '{print $1, $2, $3}' /proc/loadavg)"
