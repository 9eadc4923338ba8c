#!/usr/bin/env bash
# The README's two commands where nothing answers on localhost:5432, as on a laptop with only a JDK: run in a network
# namespace of their own (unshare -n: a loopback interface and nothing else, so no PostgreSQL and no network).
#
#   1. deploy/local/run.sh builds Roster and starts it on an embedded PostgreSQL (it must say so); the demo owner signs
#      in through the gateway and reads /me; SIGTERM stops everything, the embedded server included.
#   2. ./mvnw verify: every module, or only the modules given (Maven's -pl list; CI gives platform/testing, the test
#      infrastructure's own tests, to keep within its time budget).
#
# Needs root, or unprivileged user namespaces (then unshare -rn), and the Maven artifacts downloaded by an earlier
# build (the namespace has no network). Usage: deploy/local/check-without-postgres.sh [modules]
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "${ROSTER_CHECK_IN_NAMESPACE:-}" != "true" ]; then
  isolate=(unshare -n)
  [ "$(id -u)" = 0 ] || isolate=(unshare -rn)
  exec env ROSTER_CHECK_IN_NAMESPACE=true "${isolate[@]}" -- bash "$0" "$@"
fi

ip link set lo up
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if answers 5432; then
  echo "check-without-postgres: something answers on localhost:5432 inside the namespace" >&2
  exit 1
fi
unset ROSTER_POSTGRES_URL ROSTER_TEST_POSTGRES_URL

offset=437
data="deploy/local/data-$offset"
log="$(mktemp -t roster-without-postgres.XXXXXX.log)"
rm -rf "$data"
echo "== 1. deploy/local/run.sh (port offset $offset; output in $log)"
ROSTER_PORT_OFFSET=$offset deploy/local/run.sh >"$log" 2>&1 &
stack=$!
stop_stack() { kill -TERM "$stack" 2>/dev/null && wait "$stack" 2>/dev/null || true; }
trap stop_stack EXIT
for _ in $(seq 1 600); do
  grep -q "Roster is running" "$log" && break
  kill -0 "$stack" 2>/dev/null || { cat "$log" >&2; echo "check-without-postgres: run.sh ended before Roster ran" >&2; exit 1; }
  sleep 1
done
grep -q "Roster is running" "$log" || { cat "$log" >&2; echo "check-without-postgres: Roster did not start within 10 minutes" >&2; exit 1; }
grep "starting an embedded PostgreSQL" "$log" \
  || { echo "check-without-postgres: run.sh did not say it started an embedded PostgreSQL" >&2; exit 1; }

gateway="http://localhost:$((8080 + offset))/api/v1"
token="$(curl -fsS -X POST "$gateway/auth/sign-in" -H 'Content-Type: application/json' \
  -d '{"account":"demo","login":"owner","password":"roster-demo-1"}' | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')"
[ -n "$token" ] || { echo "check-without-postgres: the demo owner could not sign in" >&2; exit 1; }
curl -fsS "$gateway/me" -H "Authorization: Bearer $token" | grep -q '"login":"owner"' \
  || { echo "check-without-postgres: GET /me did not answer the owner" >&2; exit 1; }
echo "   the demo owner signed in through the gateway and read /me"

trap - EXIT
kill -TERM "$stack"
wait "$stack" || true
if answers $((15432 + offset)); then
  echo "check-without-postgres: the embedded PostgreSQL still answers after the stack stopped" >&2
  exit 1
fi
echo "   stopped; the embedded PostgreSQL stopped with it"
rm -rf "$data"

echo "== 2. ./mvnw verify${1:+ -pl $1}"
./mvnw -B verify ${1:+-pl "$1"}
echo "check-without-postgres: both commands work where nothing answers on localhost:5432"
