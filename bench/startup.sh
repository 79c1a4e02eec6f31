#!/usr/bin/env bash
# Start-to-ready time and idle memory of the packaged app on a local PostgreSQL: recreates a
# database, then starts the app STARTUP_RUNS times in the prod profile. Each run measures the time
# from launching the JVM to the first 200 of /q/health/ready on the management port (polled every
# 10 ms), Quarkus' own "started in" figure, and the resident memory (VmRSS) after the app has
# idled STARTUP_SETTLE seconds. The first run migrates an empty database and creates the first
# admin; the later ones are restarts, reported apart. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

runs=${STARTUP_RUNS:-5}
db=${STARTUP_DB:-breachdrill_startup}
port=${STARTUP_PORT:-18091}
management=${STARTUP_MANAGEMENT_PORT:-19091}
settle=${STARTUP_SETTLE:-10}
pg=${STARTUP_PG:-127.0.0.1}
jar=${STARTUP_JAR:-target/quarkus-app/quarkus-run.jar}
# The JVM flags the README and docker/Dockerfile recommend; set STARTUP_JAVA_OPTS to compare others
# (an empty value runs the JVM's defaults).
java_opts=${STARTUP_JAVA_OPTS-"-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m"}
# auto: use the AppCDS archive (app-cds.jsa beside the jar) when the build made one; on: require
# it; off: never.
appcds=${STARTUP_APPCDS:-auto}
admin_email=startup.admin@example.com
admin_password="the start-up benchmark's admin password"

if [ "$runs" -lt 2 ]; then
  echo "STARTUP_RUNS must be at least 2: one first start and at least one restart." >&2
  exit 2
fi
for p in "$port" "$management"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "Port $p is in use; set STARTUP_PORT and STARTUP_MANAGEMENT_PORT to free ones." >&2
    exit 2
  fi
done

if [ ! -f "$jar" ]; then
  if [ -n "${STARTUP_JAR:-}" ]; then
    echo "STARTUP_JAR=$jar does not exist." >&2
    exit 2
  fi
  echo "== Building $jar"
  ./mvnw -q -B package -DskipTests
fi
app_dir=$(cd "$(dirname "$jar")" && pwd)
cds_flag=""
case "$appcds" in
  off) ;;
  auto | on)
    if [ -f "$app_dir/app-cds.jsa" ]; then
      # As Quarkus documents it: started from the jar's folder, with the archive's relative path.
      cds_flag="-XX:SharedArchiveFile=app-cds.jsa -Xshare:auto"
    elif [ "$appcds" = on ]; then
      echo "STARTUP_APPCDS=on but $app_dir/app-cds.jsa does not exist (build with" \
        "-Dquarkus.package.jar.appcds.enabled=true)." >&2
      exit 2
    fi
    ;;
  *)
    echo "STARTUP_APPCDS must be auto, on or off." >&2
    exit 2
    ;;
esac

echo "== Database $db (recreated)"
PGOPTIONS='--client-min-messages=warning' psql -h "$pg" -U postgres -v ON_ERROR_STOP=1 -q \
  -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"

echo "== Machine: $(nproc) cores, load $(awk '{print $1, $2, $3}' /proc/loadavg)," \
  "$(java -version 2>&1 | head -n 1)"
echo "== JVM flags: ${java_opts:-(none)} ${cds_flag:-(no AppCDS archive)}"

logs=$(mktemp -d "${TMPDIR:-/tmp}/breachdrill-startup.XXXXXX")
app=""
stop_app() {
  if [ -n "$app" ]; then
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    app=""
  fi
}
trap stop_app EXIT

# One GET of the readiness check with bash's own sockets, so polling costs no process start.
ready() {
  local status=""
  exec 3<>"/dev/tcp/127.0.0.1/$management" || return 1
  printf 'GET /q/health/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  read -r -t 2 _ status _ <&3 || true
  exec 3<&- 3>&-
  [ "$status" = 200 ]
}

micros() {
  local now=${EPOCHREALTIME/[.,]/}
  echo "$now"
}

results=()
for run in $(seq 1 "$runs"); do
  log="$logs/run-$run.log"
  # shellcheck disable=SC2086 # the flags are a list of words
  launched=$(micros)
  (
    cd "$app_dir"
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$pg:5432/$db" \
    QUARKUS_DATASOURCE_USERNAME=postgres \
    QUARKUS_HTTP_PORT="$port" \
    QUARKUS_MANAGEMENT_PORT="$management" \
    BREACHDRILL_ADMIN_EMAIL="$admin_email" \
    BREACHDRILL_ADMIN_PASSWORD="$admin_password" \
    BREACHDRILL_SCENARIOS_DIR="$root/scenarios" \
      exec java $java_opts $cds_flag -jar "$(basename "$jar")"
  ) >"$log" 2>&1 &
  app=$!
  ready_at=""
  deadline=$((launched + 90000000))
  while [ "$(micros)" -lt "$deadline" ] && kill -0 "$app" 2>/dev/null; do
    if ready 2>/dev/null; then
      ready_at=$(micros)
      break
    fi
    sleep 0.01
  done
  if [ -z "$ready_at" ]; then
    echo "Run $run: the app did not become ready; the end of its log ($log):" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  ready_ms=$(((ready_at - launched) / 1000))
  # CPU time (user + system, all threads) spent until ready: unlike the wall time, it hardly
  # changes when other work shares the cores.
  cpu_ms=$(awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%d", ($12 + $13) * 1000 / hz }' \
    "/proc/$app/stat")
  started=$(sed -n 's/.* started in \([0-9.]*\)s.*/\1/p' "$log" | head -n 1)
  started_ms=$(awk -v s="${started:-0}" 'BEGIN { printf "%d", s * 1000 }')
  sleep "$settle"
  rss_mb=$(awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$app/status")
  kind=restart
  [ "$run" -eq 1 ] && kind=first
  printf 'run %d (%s start): ready after %d ms (%d ms of CPU), Quarkus "started in" %d ms,' \
    "$run" "$kind" "$ready_ms" "$cpu_ms" "$started_ms"
  printf ' RSS %d MB after %d s, load %s\n' "$rss_mb" "$settle" "$(cut -d' ' -f1 /proc/loadavg)"
  results+=("$kind $ready_ms $started_ms $rss_mb $cpu_ms")
  stop_app
done

echo "== Summary (ms and MB; restarts are runs 2 to $runs; logs in $logs)"
printf '%s\n' "${results[@]}" | awk '
  function median(values, n,   sorted, i, j, t) {
    for (i = 1; i <= n; i++) sorted[i] = values[i]
    for (i = 2; i <= n; i++) for (j = i; j > 1 && sorted[j - 1] > sorted[j]; j--) {
      t = sorted[j]; sorted[j] = sorted[j - 1]; sorted[j - 1] = t
    }
    return n % 2 ? sorted[(n + 1) / 2] : (sorted[n / 2] + sorted[n / 2 + 1]) / 2
  }
  function max(values, n,   i, m) {
    m = values[1]
    for (i = 2; i <= n; i++) if (values[i] > m) m = values[i]
    return m
  }
  $1 == "first" { first_ready = $2; first_started = $3; first_rss = $4; first_cpu = $5 }
  $1 == "restart" { n++; ready[n] = $2; started[n] = $3; rss[n] = $4; cpu[n] = $5 }
  END {
    printf "%-30s %8s %8s\n", "", "median", "max"
    printf "%-30s %8d %8s\n", "first start: ready", first_ready, "-"
    printf "%-30s %8d %8s\n", "first start: CPU to ready", first_cpu, "-"
    printf "%-30s %8d %8s\n", "first start: started in", first_started, "-"
    printf "%-30s %8d %8s\n", "first start: idle RSS (MB)", first_rss, "-"
    printf "%-30s %8d %8d\n", "restart: ready", median(ready, n), max(ready, n)
    printf "%-30s %8d %8d\n", "restart: CPU to ready", median(cpu, n), max(cpu, n)
    printf "%-30s %8d %8d\n", "restart: started in", median(started, n), max(started, n)
    printf "%-30s %8d %8d\n", "restart: idle RSS (MB)", median(rss, n), max(rss, n)
  }'
