#!/usr/bin/env bash
# Roster's benchmark: builds Roster (without tests), starts the whole system with production JVM settings on ports
# and databases of its own (offset 500, emptied first), measures every target of DESIGN.md's scale section and writes
# docs/benchmarks.md with its charts (docs/benchmarks/*.png).
#   deploy/bench/run.sh              the full run: 10,000 people offboarded at once, 100,000-row imports (~10 min)
#   deploy/bench/run.sh --smoke      every scenario, small, in a few minutes (writes target/bench-smoke/)
#   deploy/bench/run.sh --output DIR write the report elsewhere
#   deploy/bench/run.sh --only burst,import-csv   some scenarios (idle, me, revocation, burst, import-csv, import-xlsx,
#                                    propagation); the report goes to target/bench-partial/
# Needs what the local stack needs, plus wrk (apt-get install wrk) for the HTTP load.
set -euo pipefail
cd "$(dirname "$0")/../.."
. .mvn/select-jdk.sh
command -v wrk >/dev/null 2>&1 || { echo "The benchmark needs wrk for the HTTP load: apt-get install wrk" >&2; exit 1; }
if [ "${ROSTER_SKIP_BUILD:-}" != "true" ]; then
  ./mvnw -B -q -DskipTests package
fi
exec "$JAVA_HOME/bin/java" -jar deploy/bench/target/bench-0.1.0-SNAPSHOT.jar "$@"
