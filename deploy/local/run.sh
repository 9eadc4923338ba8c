#!/usr/bin/env bash
# Starts the whole of Roster locally: builds it (without tests), then runs the local stack.
# Ctrl-C stops everything. See README.md for the environment variables it honours.
set -euo pipefail
cd "$(dirname "$0")/../.."
. .mvn/select-jdk.sh
if [ "${ROSTER_SKIP_BUILD:-}" != "true" ]; then
  ./mvnw -B -q -DskipTests package
fi
exec "$JAVA_HOME/bin/java" -jar deploy/local/target/local-0.1.0-SNAPSHOT-exec.jar
