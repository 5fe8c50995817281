#!/usr/bin/env bash
# The one test command (README and CI run exactly this): installs what the tests need on a fresh
# Debian machine, then runs every test with Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

# Fail fast when the build, a test, a script or a benchmark reads a path outside the repository (such as
# the CI machine's shared Kong fixtures): the tests must pass on a clone with nothing beside it. The Kong
# payloads live in kong-fixtures/. (The patterns are written with [.] so that this line does not match itself.)
outside=$(grep -rlE --include='*.java' --include='*.xml' --include='*.sh' --include='*.py' \
  --exclude-dir=target --exclude-dir=.git --exclude-dir=node_modules \
  -e '[.][.]/shared' -e 'shared/kong[-]fixtures' -e '[.][.]/[.][.]/' -e '[(]cd [.][.] ' . || true)
if [ -n "$outside" ]; then
  echo "test.sh: these files read a path outside the repository (the shared Kong fixtures beside the clone, or a grandparent directory);" >&2
  echo "test.sh: copy what they need into the repository (Kong payloads go to kong-fixtures/) and point them there:" >&2
  echo "$outside" | sed 's/^/  /' >&2
  exit 1
fi

need_packages=()
command -v promtool >/dev/null 2>&1 || need_packages+=(prometheus)
[ -x /usr/bin/chromium ] || need_packages+=(chromium)
command -v prometheus-alertmanager >/dev/null 2>&1 || need_packages+=(prometheus-alertmanager)
command -v docker-compose >/dev/null 2>&1 || need_packages+=(docker-compose)
python3 -c 'import yaml' 2>/dev/null || need_packages+=(python3-yaml)
command -v openssl >/dev/null 2>&1 || need_packages+=(openssl)
command -v unzip >/dev/null 2>&1 || need_packages+=(unzip)
# Real senders for the tcp-log, udp-log and syslog listener tests (logger is util-linux's, in bsdutils)
command -v socat >/dev/null 2>&1 || need_packages+=(socat)
command -v logger >/dev/null 2>&1 || need_packages+=(bsdutils)
# Node.js and npm run the third-party SSE clients (eventsource, fast-json-patch) of LiveStreamClientTest
command -v npm >/dev/null 2>&1 || need_packages+=(nodejs npm)
command -v mvn >/dev/null 2>&1 || need_packages+=(maven)
command -v javac >/dev/null 2>&1 || need_packages+=(openjdk-17-jdk-headless)

if [ ${#need_packages[@]} -gt 0 ]; then
  echo "test.sh: installing ${need_packages[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
fi

# The Debian packages may start servers (:9090, :9093) where an init system runs; the tests start their own
# on free loopback ports.
echo "test.sh: $(promtool --version 2>&1 | head -1)"
./scripts/check-bundle.sh
# The npm packages (locked in package-lock.json) that LiveStreamClientTest runs as third-party clients of /events.
(cd exporter/src/test/node && npm ci --no-audit --no-fund --silent)
# Fuzzing first, in its own Maven run: with JAZZER_FUZZ=1, ParserFuzzTest fuzzes the log-entry and /status
# parsers for 60 s (coverage-guided, Jazzer), and Jazzer's fuzzing mode must not share a JVM with the other
# tests. In the full run below it replays the stored corpus (src/test/resources/.../ParserFuzzTestInputs).
JAZZER_FUZZ=1 mvn -B -q test -pl exporter -am -Dtest=ParserFuzzTest -Dsurefire.failIfNoSpecifiedTests=false -DskipChartTests=true
mvn -B verify "$@"

# The production jar (and so the Docker image, which copies only it) carries no simulator: kong-simulator is a
# test dependency of the exporter and a jar of its own.
if unzip -l exporter/target/kong-exporter.jar | grep -i -e simulat -e demo; then
  echo "test.sh: exporter/target/kong-exporter.jar contains the simulator or demo classes listed above" >&2
  exit 1
fi
