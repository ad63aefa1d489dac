#!/usr/bin/env bash
# GET /v1/agreements/{id} (JWT, tenant check, PostgreSQL) next to a bare Quarkus endpoint, on the
# same machine in the same run, measured with wrk. Prints one row per round and the medians.
#   bench/agreement-get.sh [duration=20s] [connections=32] [rounds=3]
# Needs a JDK 17, Maven, and wrk (installed from Debian's apt when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DURATION=${1:-20s}
CONNECTIONS=${2:-32}
ROUNDS=${3:-3}
THREADS=2

# A stack of its own, on ports of its own, so a running `./surety up` is not disturbed.
export SURETY_HOME="$ROOT/bench/target/home-agreement-get"
export SURETY_KAFKA_PORT=19092 SURETY_KAFKA_CONTROLLER_PORT=19093 SURETY_PG_PORT=25432 SURETY_AGREEMENT_PORT=18081
BASELINE_PORT=18090
# Both JVMs run with the same options: full JIT, the same heap and collector.
export SURETY_JAVA_OPTS="-Xms256m -Xmx512m -XX:+UseParallelGC"

if ! command -v wrk >/dev/null 2>&1; then
  sudo=(); [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends wrk
fi

echo "building agreement-service and the baseline ..." >&2
mvn -B -ntp -q package -DskipTests -pl deploy/devstack,agreement-service -am
mvn -B -ntp -q -f bench/baseline/pom.xml package -DskipTests

BASE_PID=
cleanup() {
  if [[ -n "$BASE_PID" ]]; then
    kill "$BASE_PID" 2>/dev/null || true
    wait "$BASE_PID" 2>/dev/null || true
  fi
  ./surety down >&2 || true
}
trap cleanup EXIT

./surety start infra agreement-service >/dev/null
mkdir -p "$SURETY_HOME/logs"
# shellcheck disable=SC2086 # the options are a list of words
java $SURETY_JAVA_OPTS -DBASELINE_PORT=$BASELINE_PORT -jar bench/baseline/target/quarkus-app/quarkus-run.jar \
  >"$SURETY_HOME/logs/baseline.log" 2>&1 &
BASE_PID=$!
for _ in $(seq 1 120); do
  curl -fsS "http://localhost:$BASELINE_PORT/baseline/x" >/dev/null 2>&1 && break
  sleep 0.5
done

# shellcheck disable=SC1091 # written by `surety start`
source "$SURETY_HOME/tokens.env"
AGREEMENTS="http://localhost:$SURETY_AGREEMENT_PORT/v1/agreements"
ID=$(curl -fsS -X POST "$AGREEMENTS" -H "Authorization: Bearer $TOKEN_PAT" -H 'Content-Type: application/json' -d '{
  "name": "Benchmark shop", "status": "ACTIVE", "customer": "acme", "provider": "Bench Hosting",
  "service": "checkout-api", "timeZone": "Europe/Berlin",
  "objectives": [{"id": "availability", "name": "Availability", "sliKind": "RATIO",
    "selector": {"service": "checkout-api", "metric": "http_requests"},
    "target": 99.9, "period": "CALENDAR_MONTH", "window": "PT5M", "threshold": 99.0}],
  "compensation": {"monthlyFee": 1000.00, "currency": "EUR",
    "tiers": [{"belowPercent": 99.9, "creditPercent": 10}, {"belowPercent": 99.0, "creditPercent": 25}]}}' \
  | grep -o '"id":"[^"]*"' | head -n 1 | cut -d'"' -f4)
AGREEMENT_URL="$AGREEMENTS/$ID"
BASELINE_URL="http://localhost:$BASELINE_PORT/baseline/$ID"
curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN_ALICE" "$AGREEMENT_URL"

# wrk prints "Requests/sec: N" and, with --latency, "99% X" in us, ms or s.
run() { # url [header] -> "rps p99_ms"
  local out
  if [[ -n "${2:-}" ]]; then
    out=$(wrk -t$THREADS -c"$CONNECTIONS" -d"$DURATION" --latency -H "$2" "$1")
  else
    out=$(wrk -t$THREADS -c"$CONNECTIONS" -d"$DURATION" --latency "$1")
  fi
  if grep -q "Non-2xx" <<<"$out"; then echo "non-2xx answers from $1:" >&2; echo "$out" >&2; exit 1; fi
  awk '/Requests\/sec:/ {rps=$2}
       $1=="99%" {v=$2; unit=v; gsub(/[0-9.]/,"",unit); gsub(/[a-z]/,"",v);
                  if (unit=="us") v=v/1000; else if (unit=="s") v=v*1000; p99=v}
       END {printf "%.0f %.2f\n", rps, p99}' <<<"$out"
}

echo "warming up both for $DURATION ..." >&2
run "$BASELINE_URL" >/dev/null
run "$AGREEMENT_URL" "Authorization: Bearer $TOKEN_ALICE" >/dev/null

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $(nproc) cores, $(date -u +%FT%TZ)"
printf '%-6s %14s %14s %14s %14s %8s\n' round base_req/s base_p99_ms agr_req/s agr_p99_ms ratio
ratios=(); brps=(); arps=(); bp99=(); ap99=()
for r in $(seq 1 "$ROUNDS"); do
  read -r b_rps b_p99 < <(run "$BASELINE_URL")
  read -r a_rps a_p99 < <(run "$AGREEMENT_URL" "Authorization: Bearer $TOKEN_ALICE")
  ratio=$(awk -v a="$a_rps" -v b="$b_rps" 'BEGIN {printf "%.2f", a/b}')
  printf '%-6s %14s %14s %14s %14s %8s\n' "$r" "$b_rps" "$b_p99" "$a_rps" "$a_p99" "$ratio"
  ratios+=("$ratio"); brps+=("$b_rps"); arps+=("$a_rps"); bp99+=("$b_p99"); ap99+=("$a_p99")
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
printf '%-6s %14s %14s %14s %14s %8s\n' median "$(median "${brps[@]}")" "$(median "${bp99[@]}")" \
  "$(median "${arps[@]}")" "$(median "${ap99[@]}")" "$(median "${ratios[@]}")"
