#!/usr/bin/env bash
# Static checks of the monitoring bundle: Grafana dashboards, alert rules and their tests, the
# Prometheus, Alertmanager and compose configuration. Exits non-zero when any check fails.
#
#   scripts/check-bundle.sh                    # every check
#   scripts/check-bundle.sh --scrape URL|FILE  # also: every metric name used exists in that scrape
#                                              # (e.g. http://localhost:9542/metrics of a --demo
#                                              # exporter after posting the http-log fixtures)
#
# Installs nothing. Needs (Debian packages): python3 + python3-yaml, prometheus (promtool),
# prometheus-alertmanager (amtool, and the alertmanager binary for the inhibition check), docker-compose (or the docker compose plugin). A missing tool
# fails its check with the package to install. With exporter/target/kong-exporter.jar built and java
# on the PATH, compose/kong-exporter.yml is also validated by the exporter itself.
set -uo pipefail
cd "$(dirname "$0")/.."

scrape=""
while [ $# -gt 0 ]; do
  case "$1" in
    --scrape) scrape="${2:?--scrape needs a URL or a file}"; shift 2 ;;
    --scrape=*) scrape="${1#--scrape=}"; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "check-bundle: unknown argument $1" >&2; exit 2 ;;
  esac
done

passed=0
failed=()
out=$(mktemp)
tmp_config=""
cleanup() { rm -f "$out" ${tmp_config:+"$tmp_config"}; }
trap cleanup EXIT

# check NAME COMMAND...: runs the command, prints its output only when it fails.
check() {
  local name="$1"; shift
  if "$@" >"$out" 2>&1; then
    passed=$((passed + 1))
    echo "check-bundle: ok      $name"
    grep -E '^lint-bundle: note|^check-bundle: note' "$out" | sed 's/^/                       /'
  else
    failed+=("$name")
    echo "check-bundle: FAILED  $name"
    sed 's/^/    /' "$out"
  fi
}

# need TOOL PACKAGE: true when the tool is there, else a message naming the Debian package.
need() {
  if command -v "$1" >/dev/null 2>&1; then return 0; fi
  echo "$1 not found: install the Debian package '$2' (scripts/check-bundle.sh installs nothing)"
  return 1
}

python_ok() {
  need python3 python3 && python3 -c 'import yaml' 2>/dev/null \
    || { echo "python3 with PyYAML not found: install the Debian package 'python3-yaml'"; return 1; }
}

lint() { python_ok && python3 scripts/lint-bundle.py "$@"; }

promtool_rules() { need promtool prometheus && promtool check rules alert-rules/kong.rules.yml; }
promtool_tests() { need promtool prometheus && promtool test rules alert-rules/tests/*.yml; }

# promtool resolves rule_files relative to the config's directory, so the check runs on the real
# file (or a copy beside it). Debian bookworm's promtool is 2.42: it rejects the Prometheus 3 keys
# scrape_protocols and always_scrape_classic_histograms that the compose stack (prom/prometheus:v3.1.0)
# needs. Then it checks a copy without those two keys; `lint-bundle.py prometheus-config` checks them.
# promtool_check_config FILE [promtool options...]
promtool_check_config() {
  need promtool prometheus || return 1
  local config="$1" major; shift
  major=$(promtool --version 2>&1 | sed -n 's/^promtool, version \([0-9]*\)\..*/\1/p')
  if [ -n "$major" ] && [ "$major" -lt 3 ]; then
    tmp_config=$(dirname "$config")/.promtool-v${major}-check.yml
    grep -vE '^[[:space:]]*(scrape_protocols|always_scrape_classic_histograms):' "$config" > "$tmp_config"
    echo "check-bundle: note: promtool $major.x predates Prometheus 3; checked without scrape_protocols and always_scrape_classic_histograms"
    promtool check config "$@" "$tmp_config"
    local rc=$?
    rm -f "$tmp_config"; tmp_config=""
    return $rc
  fi
  promtool check config "$@" "$config"
}

promtool_config() { promtool_check_config compose/prometheus/prometheus.yml; }

# The sharded example's service discovery files exist only where it is deployed: syntax only.
sharded_config() { promtool_check_config compose/sharded/prometheus.yml --syntax-only; }

generated_fresh() { python_ok && python3 scripts/generate-bundle.py --check; }

amtool_config() {
  need amtool prometheus-alertmanager && amtool check-config compose/alertmanager/alertmanager.yml
}

compose_config() {
  if command -v docker-compose >/dev/null 2>&1; then
    docker-compose -f docker-compose.yml config -q && docker-compose -f docker-compose.yml --profile kafka config -q
  elif docker compose version >/dev/null 2>&1; then
    docker compose -f docker-compose.yml config -q && docker compose -f docker-compose.yml --profile kafka config -q
  else
    echo "docker-compose not found: install the Debian package 'docker-compose' (or the docker compose plugin)"
    return 1
  fi
}

traffic_script() { sh -n compose/traffic/traffic.sh; }

exporter_config() {
  local jar=exporter/target/kong-exporter.jar
  if [ ! -f "$jar" ] || ! command -v java >/dev/null 2>&1; then
    echo "check-bundle: note: skipped, needs java and $jar (mvn package)"
    return 0
  fi
  java -jar "$jar" --config compose/kong-exporter.yml --config.check
}

check "generated: alert-rules/kong.rules.yml and dashboard constants match alert-rules/config.yml" generated_fresh
check "dashboards: JSON, datasource variable, no __inputs, \$__rate_interval, uids" lint dashboards
check "alert rules: promtool check rules" promtool_rules
check "alert rules: promtool test rules" promtool_tests
check "alert rules: severity, annotations, runbook URLs, firing and non-firing (past for:) tests" lint rules
if [ -n "$scrape" ]; then
  check "metric names: README table and scrape $scrape" lint metrics --scrape "$scrape"
else
  check "metric names: README metric table" lint metrics
fi
check "prometheus: promtool check config" promtool_config
check "prometheus: sharded example config" sharded_config
check "prometheus: Prometheus 3 scrape settings" lint prometheus-config
check "alertmanager: amtool check-config" amtool_config
check "alertmanager: one outage through a real Alertmanager (inhibition, one page per job)" lint alertmanager
check "compose: docker-compose config -q" compose_config
check "compose: traffic generator shell syntax" traffic_script
check "compose: exporter config --config.check" exporter_config

echo "check-bundle: ${passed} passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
