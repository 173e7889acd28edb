#!/usr/bin/env bash
# Runs the whole test suite (unit tests, and integration tests with real Mosquitto, SQLite files and dbus-daemon).
# Installs missing Debian packages when run as root; otherwise says exactly what is missing.
set -euo pipefail
cd "$(dirname "$0")"
. ./scripts/prereqs.sh
need_packages openjdk-17-jdk-headless:javac maven:mvn mosquitto:mosquitto dbus:dbus-daemon dbus:dbus-send \
  lintian:lintian systemd:systemd-analyze systemd:systemd-sysusers init-system-helpers:deb-systemd-helper
exec mvn -B verify "$@"
