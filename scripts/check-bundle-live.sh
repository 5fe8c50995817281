#!/usr/bin/env bash
# Live check of the bundle: the exporter in --demo mode (three simulated Kong nodes, loopback only)
# is fed the http-log fixtures, a real Prometheus scrapes it and evaluates alert-rules/kong.rules.yml,
# then every dashboard query and every recording rule must be accepted by Prometheus and return data
# (scripts/live-bundle.py lists the few that may be empty, and why), and every metric name the
# dashboards and rules use must be in the exporter's scrape.
#
#   scripts/check-bundle-live.sh        # about 90 s
#
# Installs nothing. Needs exporter/target/kong-exporter.jar (mvn package), java, curl, python3 with
# PyYAML, and the Prometheus server (Debian package 'prometheus', which also brings promtool).
# Ports: EXPORTER_PORT (default 29542) and PROMETHEUS_PORT (default 29090) on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=exporter/target/kong-exporter.jar
exporter_port="${EXPORTER_PORT:-29542}"
prometheus_port="${PROMETHEUS_PORT:-29090}"
exporter="http://127.0.0.1:${exporter_port}"
prometheus="http://127.0.0.1:${prometheus_port}"
traffic_seconds=50

missing=()
[ -f "$jar" ] || missing+=("$jar (run: mvn -B package -DskipTests)")
command -v java >/dev/null 2>&1 || missing+=("java (Debian: openjdk-17-jre-headless)")
command -v curl >/dev/null 2>&1 || missing+=("curl (Debian: curl)")
command -v prometheus >/dev/null 2>&1 || missing+=("prometheus (Debian: prometheus)")
python3 -c 'import yaml' >/dev/null 2>&1 || missing+=("python3 with PyYAML (Debian: python3-yaml)")
if [ ${#missing[@]} -gt 0 ]; then
  printf 'check-bundle-live: missing %s\n' "${missing[@]}" >&2
  exit 1
fi

work=$(mktemp -d)
exporter_pid=""
prometheus_pid=""
cleanup() {
  set +e # a killed child's status must not become the script's
  # Only the two processes this script started, by their ids.
  [ -n "$prometheus_pid" ] && kill "$prometheus_pid" 2>/dev/null && wait "$prometheus_pid" 2>/dev/null
  [ -n "$exporter_pid" ] && kill "$exporter_pid" 2>/dev/null && wait "$exporter_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

wait_for() { # URL SECONDS
  for _ in $(seq 1 "$2"); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 1
  done
  return 1
}

echo "check-bundle-live: starting the exporter (--demo) on $exporter"
java -jar "$jar" --demo --listen="127.0.0.1:${exporter_port}" >"$work/exporter.log" 2>&1 &
exporter_pid=$!
wait_for "$exporter/-/healthy" 30 || { cat "$work/exporter.log"; echo "check-bundle-live: exporter did not start" >&2; exit 1; }

cat >"$work/prometheus.yml" <<EOF
global:
  scrape_interval: 5s
  evaluation_interval: 5s
rule_files:
  - $PWD/alert-rules/kong.rules.yml
scrape_configs:
  - job_name: kong-exporter
    scrape_timeout: 4s
    static_configs:
      - targets: ['127.0.0.1:${exporter_port}']
EOF
echo "check-bundle-live: starting $(prometheus --version 2>&1 | head -1) on $prometheus"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:${prometheus_port}" >"$work/prometheus.log" 2>&1 &
prometheus_pid=$!
wait_for "$prometheus/-/ready" 30 || { cat "$work/prometheus.log"; echo "check-bundle-live: prometheus did not start" >&2; exit 1; }

echo "check-bundle-live: posting http-log traffic for ${traffic_seconds} s"
python3 scripts/live-bundle.py traffic "$exporter" "$traffic_seconds"
sleep 6 # one more scrape and rule evaluation

status=0
python3 scripts/live-bundle.py queries "$prometheus" || status=1
python3 scripts/lint-bundle.py metrics --scrape "$exporter/metrics" || status=1
if [ $status -eq 0 ]; then
  echo "check-bundle-live: ok"
else
  echo "check-bundle-live: FAILED"
fi
exit $status
