#!/usr/bin/env bash
# Benchmarks (they print numbers; none of them is a test). Usage:
#   scripts/bench.sh poll [nodes=1000] [hangPercent=10] [seconds=60]   poll fan-out against simulated nodes
#   scripts/bench.sh ingest [seconds=20] [senders=4]                   http-log load at batch sizes 1, 100, 1000
#   scripts/bench.sh sse [subscribers=1000] [seconds=30]               SSE fan-out delivery lag
#   scripts/bench.sh soak [entriesPerSecond=50000] [minutes=10]        memory flat under ingest + 200 nodes + 100 SSE
#   scripts/bench.sh memory [limitMiB=384] [minutes=3]                 RSS with the image's JVM flags: idle, 20,000 series under ingest, 1,000 nodes; start-up time
#   scripts/bench.sh jmh                                               per-entry parse / parse+record (JMH)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-poll}; shift || true
mvn -B -q package -DskipTests
mvn -B -q -pl exporter -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cp="exporter/target/test-classes:exporter/target/classes:$(cat exporter/target/bench.classpath)"
fixtures="$PWD/kong-fixtures"
case "$what" in
  poll) exec java -Xmx512m -Dkong.fixtures="$fixtures" -cp "$cp" io.kongexporter.bench.PollFanoutBenchmark "$@" ;;
  ingest) exec java -Xmx1g -Dkong.fixtures="$fixtures" -cp "$cp" io.kongexporter.bench.IngestLoadBenchmark "$@" ;;
  sse) exec java -Xmx512m -cp "$cp" io.kongexporter.bench.SseFanoutBenchmark "$@" ;;
  soak) exec java -Xmx1g -Dkong.fixtures="$fixtures" -cp "$cp" io.kongexporter.bench.SoakBenchmark "$@" ;;
  memory) exec java -Xmx768m -Dkong.fixtures="$fixtures" -cp "$cp" io.kongexporter.bench.MemoryBenchmark "$@" ;;
  jmh) exec java -Dkong.fixtures="$fixtures" -cp "$cp" org.openjdk.jmh.Main -jvmArgsAppend "-Dkong.fixtures=$fixtures" IngestJmhBenchmark "$@" ;;
  *) echo "unknown benchmark: $what (poll, ingest, sse, soak, memory, jmh)" >&2; exit 2 ;;
esac
