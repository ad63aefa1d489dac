#!/usr/bin/env bash
# credit-service: N agreements close a period at once. Publishes N agreement snapshots, waits until
# credit-service has them, then N FINAL compliance records, and times until N CreditIssued events are
# on the credits topic (ledger rows are counted over REST afterwards). Baseline in the same run: Kafka
# alone producing and acknowledging the same N records. Goal: 10,000 credited in under 10 s.
#   bench/credits.sh [agreements=10000]
# CREDITS_JFR=1 records a JFR profile of credit-service (settings=profile) to bench/target/credit-service.jfr
# (read it with e.g. `jfr print --events jdk.ExecutionSample bench/target/credit-service.jfr`).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
N=${1:-10000}

export SURETY_HOME="$ROOT/bench/target/home-credits"
export SURETY_KAFKA_PORT=19292 SURETY_KAFKA_CONTROLLER_PORT=19293 SURETY_PG_PORT=25632 SURETY_CREDIT_PORT=18284
export SURETY_JAVA_OPTS="-Xms256m -Xmx768m -XX:+UseParallelGC"
JFR="$ROOT/bench/target/credit-service.jfr"
if [[ "${CREDITS_JFR:-0}" == 1 ]]; then
  mkdir -p "$ROOT/bench/target" && rm -f "$JFR"
  SURETY_JAVA_OPTS="$SURETY_JAVA_OPTS -XX:StartFlightRecording=filename=$JFR,settings=profile,dumponexit=true"
fi
BOOTSTRAP="localhost:$SURETY_KAFKA_PORT"

echo "building ..." >&2
mvn -B -ntp -q package -DskipTests -pl deploy/devstack,credit-service -am
CP="$(find deploy/devstack/target -maxdepth 1 -name 'devstack-*.jar' | head -n 1):$(cat deploy/devstack/target/classes/devstack-classpath.txt)"

cleanup() { ./surety down >&2 || true; }
trap cleanup EXIT
rm -rf "$SURETY_HOME"
./surety start infra credit-service >/dev/null
# shellcheck disable=SC1091 # written by `surety start`
source "$SURETY_HOME/tokens.env"

CREDIT_PID=$(cat "$SURETY_HOME/run/credit-service.pid")
PG_PID=$(cat "$SURETY_HOME/run/postgres.pid")
cpu() { java -cp "$CP" dev.surety.devstack.GroupProgress --cpu "$1"; }
# PostgreSQL: the postmaster (found by its data directory; $PG_PID is the JVM that launched it) and
# its backends (the pool's connections), exited children included
PGMASTER=$(pgrep -f -- "postgres -D $SURETY_HOME/data/postgres" | head -n 1 || true)
pgcpu() {
  local p
  [[ -n "$PGMASTER" ]] || { echo "n/a"; return; }
  for p in "$PGMASTER" $(pgrep -P "$PGMASTER"); do awk '{print $14 + $15 + $16 + $17}' "/proc/$p/stat" 2>/dev/null; done \
    | awk -v hz="$(getconf CLK_TCK)" '{s += $1} END {printf "%.1f", s / hz}'
}
C0=$(cpu "$CREDIT_PID")
P0=$(pgcpu)
echo "publishing $N agreements, then $N FINAL compliance records ..." >&2
OUT=$(java -Xmx512m -cp "$CP" dev.surety.devstack.CreditBench "$BOOTSTRAP" "$N" 300)
C1=$(cpu "$CREDIT_PID")
P1=$(pgcpu)
LEDGER=$(curl -fsS -H "Authorization: Bearer $TOKEN_BILL" \
  "http://localhost:$SURETY_CREDIT_PORT/v1/credits?customer=bench&state=ISSUED&size=1" \
  | grep -o '"total":[0-9]*' | cut -d: -f2)

echo
echo "credit-service benchmark, $(nproc) cores, $(date -u +%FT%TZ)"
while IFS= read -r line; do echo "  $line"; done <<<"$OUT"
echo "  ledger rows ISSUED for the benchmark tenant: $LEDGER"
echo "  credit-service CPU over the whole run (snapshots + credits): $(awk -v a="$C0" -v b="$C1" 'BEGIN {printf "%.1f", b-a}') s; postgres pid $PG_PID"
if [[ -n "$PGMASTER" ]]; then
  echo "  PostgreSQL CPU over the whole run (postmaster and backends): $(awk -v a="$P0" -v b="$P1" 'BEGIN {printf "%.1f", b-a}') s"
else
  echo "  PostgreSQL CPU: postmaster not found"
fi
if [[ "${CREDITS_JFR:-0}" == 1 ]]; then echo "  JFR profile (written when credit-service stops): $JFR"; fi
