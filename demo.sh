#!/usr/bin/env bash
# Builds vitalgate if needed and runs the demo: a local Mosquitto on an ephemeral loopback port, the agent with a
# simulated home, and a live view of what the backend receives. Extra arguments go to `vitalgate demo`
# (e.g. --outage 20s, --duration 90s, --broker mqtts://host:8883).
set -euo pipefail
cd "$(dirname "$0")"
. ./scripts/prereqs.sh
need_packages openjdk-17-jdk-headless:javac maven:mvn mosquitto:mosquitto

# The build is quiet (its full log goes to target/demo-build.log) but never silent: one line per Maven step,
# with the time so far, so a first run (dependencies downloaded, everything compiled) does not look stuck.
build() {
  mkdir -p target
  local log=target/demo-build.log start=$SECONDS last="" step pid
  echo "Building target/vitalgate.jar with Maven (first run: downloads dependencies, 1-3 minutes; log: $log)"
  mvn -B -DskipTests package >"$log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    # "[INFO] --- compiler:3.13.0:compile (default-compile) @ vitalgate ---" -> "compile"
    step=$(grep -o -- '--- [a-z-]*:[^:]*:[a-z-]*' "$log" 2>/dev/null | tail -1 | sed 's/.*://' || true)
    if [ -n "$step" ] && [ "$step" != "$last" ]; then
      printf '  %-14s (%ds; %s downloads so far)\n' "$step" $((SECONDS - start)) \
        "$(grep -c '^\[INFO\] Downloaded\|^Downloaded' "$log" 2>/dev/null || true)"
      last=$step
    fi
    sleep 1
  done
  if ! wait "$pid"; then
    echo "The build failed; the end of $log:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  echo "  built in $((SECONDS - start)) s"
}

if [ ! -f target/vitalgate.jar ] || [ -n "$(find src pom.xml -newer target/vitalgate.jar -print -quit)" ]; then
  build
fi
echo "Starting the demo (Ctrl-C stops it)..."
exec java -Xmx48m -XX:+UseSerialGC -jar target/vitalgate.jar demo "$@"
