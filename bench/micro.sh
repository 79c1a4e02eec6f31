#!/usr/bin/env bash
# In-process micro benchmarks of issue 6 (see bench/README.md):
#   validate  reading+parsing+validating a generated scenario of 1,000 injects: the first call in a
#             fresh JVM (what `validate` pays), warm p50/p95/p99/max, each phase, and the packaged
#             jar's `validate` command end to end beside the JVM start alone;
#   score     Scorer.score on one drill log of 10,000 events, warm p50/p95/p99/max.
# Usage: bench/micro.sh [validate|score|all]   (default all)
# Compiles bench/micro/*.java against target/classes and the runtime classpath; JDK only.
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-all}
classes=${BENCH_CLASSES:-target/classes}
injects=${BENCH_INJECTS:-1000}
events=${BENCH_EVENTS:-10000}
scenario=${BENCH_SCENARIO:-scenarios/bucket-siphon.yaml}
warmup=${BENCH_WARMUP_S:-10}
runs=${BENCH_RUNS:-200}
cold=${BENCH_COLD_RUNS:-5}
jar=${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}
out=target/micro-bench

case "$what" in
  validate | score | all) ;;
  *)
    echo "usage: bench/micro.sh [validate|score|all]" >&2
    exit 2
    ;;
esac

if [ ! -d "$classes/io/breachdrill" ]; then
  echo "== Compiling the application ($classes is missing)"
  ./mvnw -q -B compile
fi
classpath_file=target/micro-classpath.txt
if [ ! -f "$classpath_file" ] || [ pom.xml -nt "$classpath_file" ]; then
  echo "== Resolving the runtime classpath"
  ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime
fi
runtime=$(cat "$classpath_file")
rm -rf "$out"
mkdir -p "$out"
javac -d "$out" -cp "$classes:$runtime" $(find bench/micro -name '*.java')
# BENCH_PREPEND: classes put before the application's, to measure a proposed change to a class
# before it is made (bench/README.md shows it for the fold change of DrillState)
cp="$out:${BENCH_PREPEND:+$BENCH_PREPEND:}$classes:$runtime"

echo "== Machine: $(nproc) cores, load $(awk '{print $1, $2, $3}' /proc/loadavg), $(java -version 2>&1 | head -n 1)"
echo "== Classes: ${BENCH_PREPEND:+$BENCH_PREPEND then }$classes"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

if [ "$what" = validate ] || [ "$what" = all ]; then
  file="$out/generated-$injects.yaml"
  java -cp "$out" ScenarioGenerator "$file" "$injects"
  echo "== (a) First call in a fresh JVM, $cold JVMs"
  for _ in $(seq "$cold"); do
    java -cp "$cp" ValidateBench first "$file"
  done | tee "$out/first.txt"
  echo "   median wall: $(awk '{print $3}' "$out/first.txt" | median) ms, median CPU: $(awk '{print $6}' "$out/first.txt" | median) ms"
  echo "== (a) Phases of the first call (one fresh JVM)"
  java -cp "$cp" ValidateBench phases "$file" 1
  echo "== (a) Warm: ${warmup} s of warm-up, then $runs calls"
  java -cp "$cp" ValidateBench warm "$file" "$warmup" "$runs"
  echo "== (a) Phases after 50 calls"
  java -cp "$cp" ValidateBench phases "$file" 50
  if [ -f "$jar" ]; then
    echo "== (a) The packaged jar end to end, $cold runs each (wall ms of the whole process)"
    for args in "validate --help" "validate $file"; do
      for _ in $(seq "$cold"); do
        start=$(date +%s%N)
        java -jar "$jar" $args >/dev/null
        echo $((($(date +%s%N) - start) / 1000000))
      done >"$out/e2e.txt"
      echo "   java -jar $jar $args: $(tr '\n' ' ' <"$out/e2e.txt")ms, median $(median <"$out/e2e.txt") ms"
    done
  else
    echo "== (a) $jar is missing: build it (./mvnw -q package -DskipTests) for the end-to-end figure"
  fi
fi

if [ "$what" = score ] || [ "$what" = all ]; then
  echo "== (b) Scorer.score on $events events of $scenario: ${warmup} s of warm-up, then $runs calls"
  java -cp "$cp" ScorerBench "$scenario" "$events" "$warmup" "$runs"
fi
echo "== Load at the end: $(awk '{print $1, $2, $3}' /proc/loadavg)"
