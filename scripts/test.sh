#!/usr/bin/env bash
# The one test command (README and CI run exactly this): installs what the tests need on a fresh
# Debian machine, then runs every test with Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

need_packages=()
command -v promtool >/dev/null 2>&1 || need_packages+=(prometheus)
[ -x /usr/bin/chromium ] || need_packages+=(chromium)
command -v mvn >/dev/null 2>&1 || need_packages+=(maven)
command -v javac >/dev/null 2>&1 || need_packages+=(openjdk-17-jdk-headless)

if [ ${#need_packages[@]} -gt 0 ]; then
  echo "test.sh: installing ${need_packages[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
fi

# The Debian prometheus package may start a server on :9090 where an init system runs; tests start their own.
echo "test.sh: $(promtool --version 2>&1 | head -1)"
exec mvn -B verify "$@"
