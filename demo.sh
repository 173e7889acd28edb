#!/usr/bin/env bash
# Builds vitalgate if needed and runs the demo: a local Mosquitto on an ephemeral loopback port, the agent with a
# simulated home, and a live view of what the backend receives. Extra arguments go to `vitalgate demo`
# (e.g. --outage 20s, --duration 90s, --broker mqtts://host:8883).
set -euo pipefail
cd "$(dirname "$0")"
. ./scripts/prereqs.sh
need_packages openjdk-17-jdk-headless:javac maven:mvn mosquitto:mosquitto
if [ ! -f target/vitalgate.jar ] || [ -n "$(find src pom.xml -newer target/vitalgate.jar -print -quit)" ]; then
  mvn -B -q -DskipTests package
fi
exec java -Xmx48m -XX:+UseSerialGC -jar target/vitalgate.jar demo "$@"
