#!/usr/bin/env bash
# Benchmarks (they print numbers; none of them is a test). Usage:
#   scripts/bench.sh ingest [--runs 3] [--warmup 20] [--measure 20] [--batches 1,10,100,1000] [--threads 2] [--connections 4]
#                                                                     http-log ingest driven by wrk (scripts/bench/ingest.py --help)
#   scripts/bench.sh scrape [--scrapes 10] [--entries 20000]           the worst-case scrape's size, samples and exporter CPU
#                                                                     (text and gzip) after 20,000 distinct label sets, and ingest
#                                                                     with and without a scrape every 5 s (scripts/bench/scrape.py)
#   scripts/bench.sh ingest-jdk [seconds=20] [senders=4]              the previous ingest load (JDK HTTP client in-process; it
#                                                                     measures its own cost too; kept for comparison)
#   scripts/bench.sh poll [nodes=1000] [hangPercent=10] [seconds=60]  poll fan-out against simulated nodes; BENCH_RUNS runs (3),
#                                                                     exporter CPU as min/median/max
#   scripts/bench.sh sse [subscribers=1000] [seconds=30]              SSE fan-out delivery lag
#   scripts/bench.sh soak [entriesPerSecond=50000] [minutes=10]       memory flat under ingest + 200 nodes + 100 SSE
#   scripts/bench.sh memory [limitMiB=384] [minutes=3]                RSS with the image's JVM flags: idle, 20,000 series under
#                                                                     ingest, 1,000 nodes; start-up time to /-/ready
#   scripts/bench.sh jmh                                              per-entry parse / parse+record (JMH)
#   scripts/bench.sh attack [--minutes 10] [--honest-rate 50000] ...  honest ingest counted exactly, heap and /-/healthy, /metrics
#                                                                     answer times under five attacks at once (--help: options)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-poll}; shift || true
mvn -B -q package -DskipTests
fixtures="$PWD/kong-fixtures"

java_bench() {
  mvn -B -q -pl exporter -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
  cp="exporter/target/test-classes:exporter/target/classes:$(cat exporter/target/bench.classpath)"
}

case "$what" in
  ingest)
    if ! command -v wrk >/dev/null; then
      echo "wrk is missing; installing it (Debian package wrk)" >&2
      apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
    fi
    exec python3 scripts/bench/ingest.py "$@" ;;
  scrape) exec python3 scripts/bench/scrape.py "$@" ;;
  ingest-jdk) java_bench; exec java -Xmx1g -Dkong.fixtures="$fixtures" -cp "$cp" io.kongexporter.bench.IngestLoadBenchmark "$@" ;;
  poll)
    java_bench
    runs=${BENCH_RUNS:-3}
    log=$(mktemp)
    for run in $(seq 1 "$runs"); do
      echo "--- poll run $run of $runs"
      java -Xmx512m -Dkong.fixtures="$fixtures" -cp "$cp" io.kongexporter.bench.PollFanoutBenchmark "$@" | tee -a "$log"
    done
    # "exporter CPU: 21.5 % of one core (...)" per run -> min / median / max
    grep '^exporter CPU:' "$log" | awk '{print $3}' | sort -n | awk '{v[NR]=$1} END {
      m = NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2
      printf "\nexporter CPU over %d runs: median %.1f %% of one core (min %.1f, max %.1f)\n", NR, m, v[1], v[NR] }'
    rm -f "$log" ;;
  sse) java_bench; exec java -Xmx512m -cp "$cp" io.kongexporter.bench.SseFanoutBenchmark "$@" ;;
  soak) java_bench; exec java -Xmx1g -Dkong.fixtures="$fixtures" -cp "$cp" io.kongexporter.bench.SoakBenchmark "$@" ;;
  memory) java_bench; exec java -Xmx768m -Dkong.fixtures="$fixtures" -cp "$cp" io.kongexporter.bench.MemoryBenchmark "$@" ;;
  attack) java_bench; exec java -Xmx1g -Dkong.fixtures="$fixtures" -cp "$cp" io.kongexporter.bench.AttackBenchmark "$@" ;;
  jmh) java_bench; exec java -Dkong.fixtures="$fixtures" -cp "$cp" org.openjdk.jmh.Main -jvmArgsAppend "-Dkong.fixtures=$fixtures" IngestJmhBenchmark "$@" ;;
  *) echo "unknown benchmark: $what (ingest, scrape, ingest-jdk, poll, sse, soak, memory, attack, jmh)" >&2; exit 2 ;;
esac
