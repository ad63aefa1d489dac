#!/usr/bin/env bash
# measurement-ingest next to Kafka's own perf tools, on the same topic, machine and run:
#  1. Kafka -> Kafka: records/s measurement-ingest turns from the raw topic into measurements
#     (its committed offsets going from 10 % to 90 %), divided by ConsumerPerformance's records/s
#     reading the same records from the same topic. Goal >= 0.5. Next to it, a Kafka Streams pass-through with
#     measurement-ingest's Kafka Streams settings copies the same records unchanged (measured the same way): the
#     ceiling Kafka Streams itself has on this machine. Then a plain pass-through (dev.surety.devstack.PlainPassThrough:
#     one consumer and one producer per thread, no Kafka Streams; per poll it sends every record, flushes and only then
#     commits the poll's offsets, as ingest's at-least-once asks) copies them again to a topic of its own with the same
#     producer settings (batch.size 131072, lz4, linger.ms 100), 2 threads and up to 10 000 records a poll, measured
#     the same way: what a Kafka -> Kafka copy costs here without Kafka Streams.
#     ProducerPerformance runs twice: with its own settings (linger.ms 5, batch.size 65536, no compression; the HTTP
#     baseline) and with the pass-throughs' producer settings (to a topic of its own): what producing alone reaches.
#  2. HTTP: samples/s accepted by POST /v1/metrics in batches (202 = acknowledged by the broker),
#     divided by ProducerPerformance's records/s writing single samples to the same topic. Goal >= 0.4.
# CPU (cores used) is printed per process.
#   bench/ingest.sh [records=1000000] [http_duration=20s] [batch=500] [connections=8]
# INGEST_JFR=<file.jfr> records a JFR profile (settings=profile) of the measurement-ingest process.
# INGEST_OPTS_EXTRA="-Dkey=value ..." adds JVM options (e.g. configuration overrides) to the measurement-ingest process
# only, to compare settings on the same build; INGEST_SKIP_HTTP=1 leaves the HTTP part out; INGEST_SKIP_BUILD=1 runs
# what an earlier run built. PLAIN_THREADS=<n> (default 2), PLAIN_PRODUCERS=shared (one producer for all threads instead
# of one each) and PLAIN_OPTS_EXTRA="-Dproducer.<name>=<value> -Dconsumer.<name>=<value> ..." vary the plain
# pass-through only.
# Needs a JDK 17, Maven, and wrk (installed from Debian's apt when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RECORDS=${1:-1000000}
HTTP_DURATION=${2:-20s}
BATCH=${3:-500}
CONNECTIONS=${4:-8}

export SURETY_HOME="$ROOT/bench/target/home-ingest"
export SURETY_KAFKA_PORT=19192 SURETY_KAFKA_CONTROLLER_PORT=19193 SURETY_PG_PORT=25532
export SURETY_AGREEMENT_PORT=18181 SURETY_INGEST_PORT=18182
export SURETY_JAVA_OPTS="-Xms256m -Xmx768m -XX:+UseParallelGC"
BOOTSTRAP="localhost:$SURETY_KAFKA_PORT"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

if ! command -v wrk >/dev/null 2>&1; then
  sudo=(); [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends wrk
fi

if [[ -z "${INGEST_SKIP_BUILD:-}" ]]; then
  echo "building ..." >&2
  mvn -B -ntp -q package -DskipTests -pl deploy/devstack,agreement-service,measurement-ingest -am
fi
CP="$(find deploy/devstack/target -maxdepth 1 -name 'devstack-*.jar' | head -n 1):$(cat deploy/devstack/target/classes/devstack-classpath.txt)"
kafka_tool() { java -Xmx512m -cp "$CP" "$@"; }

cleanup() { ./surety down >&2 || true; }
trap cleanup EXIT
rm -rf "$SURETY_HOME"
./surety start infra agreement-service >/dev/null
# shellcheck disable=SC1091 # written by `surety start`
source "$SURETY_HOME/tokens.env"
RAW_TOPIC=$(kafka_tool dev.surety.devstack.TopicName METRICS_RAW)
MEASUREMENTS_TOPIC=$(kafka_tool dev.surety.devstack.TopicName MEASUREMENTS)

curl -fsS -o /dev/null -X POST "http://localhost:$SURETY_AGREEMENT_PORT/v1/agreements" \
  -H "Authorization: Bearer $TOKEN_PAT" -H 'Content-Type: application/json' -d '{
  "name": "Ingest benchmark", "status": "ACTIVE", "customer": "acme", "provider": "Bench Hosting",
  "service": "bench-api", "timeZone": "UTC", "effectiveFrom": "'"$(date -u +%F)"'T00:00:00Z",
  "objectives": [{"id": "availability", "name": "Availability", "sliKind": "RATIO",
    "selector": {"service": "bench-api", "metric": "http_requests"},
    "target": 99.9, "period": "CALENDAR_MONTH", "window": "PT5M", "threshold": 99.0}],
  "compensation": {"monthlyFee": 1000.00, "currency": "EUR",
    "tiers": [{"belowPercent": 99.9, "creditPercent": 10}]}}'

# Samples for the agreement's objective: Surety JSON, one per line, stamped now (inside the
# agreement, which is in force since midnight), 16 label variants.
WORK="$SURETY_HOME/bench"
mkdir -p "$WORK"
NOW=$(date -u +%FT%TZ)
for i in $(seq 0 15); do
  printf '{"source":"agent-eu-1","service":"bench-api","metric":"http_requests","labels":{"pod":"pod-%02d","region":"eu"},"timestamp":"%s","good":%d,"total":1000}\n' \
    "$i" "$NOW" $((990 + i % 10))
done >"$WORK/samples.txt"
SAMPLE_BYTES=$(head -n 1 "$WORK/samples.txt" | wc -c)

echo "producing $RECORDS samples (ProducerPerformance, acks=all) ..." >&2
PRODUCER=$(kafka_tool org.apache.kafka.tools.ProducerPerformance --topic "$RAW_TOPIC" --num-records "$RECORDS" \
  --throughput -1 --payload-file "$WORK/samples.txt" \
  --producer-props bootstrap.servers="$BOOTSTRAP" acks=all linger.ms=5 batch.size=65536 2>/dev/null | tail -n 1)
PRODUCER_RATE=$(sed -E 's/^[0-9]+ records sent, ([0-9.]+) records\/sec.*/\1/' <<<"$PRODUCER")
# Producing alone with the pass-throughs' producer settings (ingest's), to a topic of its own: the most any
# Kafka -> Kafka copy with these settings could write here.
echo "producing them again with the pass-throughs' producer settings (ProducerPerformance, lz4) ..." >&2
PRODUCER_PERF_TOPIC="$MEASUREMENTS_TOPIC-producer-perf"
kafka_tool dev.surety.devstack.PlainPassThrough --create-like "$BOOTSTRAP" "$RAW_TOPIC" "$PRODUCER_PERF_TOPIC"
PRODUCER_LZ4=$(kafka_tool org.apache.kafka.tools.ProducerPerformance --topic "$PRODUCER_PERF_TOPIC" \
  --num-records "$RECORDS" --throughput -1 --payload-file "$WORK/samples.txt" --producer-props bootstrap.servers="$BOOTSTRAP" \
  acks=all linger.ms=100 batch.size=131072 compression.type=lz4 2>/dev/null | tail -n 1)
PRODUCER_LZ4_RATE=$(sed -E 's/^[0-9]+ records sent, ([0-9.]+) records\/sec.*/\1/' <<<"$PRODUCER_LZ4")

echo "reading them back with ConsumerPerformance (3 runs, median) ..." >&2
cp_rates=()
for r in 1 2 3; do
  out=$(kafka_tool org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$BOOTSTRAP" --topic "$RAW_TOPIC" \
    --messages "$RECORDS" --group "bench-consumer-perf-$r-$RANDOM" --hide-header --timeout 120000 2>/dev/null | tail -n 1)
  # start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms,
  # fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
  cp_rates+=("$(awk -F', ' '{print $10}' <<<"$out")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
CONSUMER_RATE=$(median "${cp_rates[@]}")

# Starts a copy of the raw topic (the command after the first three arguments: name, consumer group, log file), follows
# the group's committed offsets from 10 to 90 % with the CPU of the copy (as <name>_cpu) and of the broker, stops the
# copy and leaves GroupProgress' line in COPY_RESULT.
measure_copy() {
  local name=$1 group=$2 log=$3
  shift 3
  "$@" >"$log" 2>&1 &
  COPY_PID=$!
  echo "$COPY_PID" >"$WORK/$name.pid"
  trap 'stop_copy; cleanup' EXIT
  COPY_RESULT=$(kafka_tool dev.surety.devstack.GroupProgress "$BOOTSTRAP" "$group" "$RAW_TOPIC" "$RECORDS" 600 \
    "$name=$WORK/$name.pid" kafka="$SURETY_HOME/run/kafka.pid") || { tail -n 40 "$log" >&2; exit 1; }
  stop_copy
  trap cleanup EXIT
}
stop_copy() {
  if kill "$COPY_PID" 2>/dev/null; then wait "$COPY_PID" 2>/dev/null || true; fi
}

# Kafka Streams' own ceiling on this machine: a pass-through application (bytes in, the same bytes out to a topic of
# its own) with measurement-ingest's Kafka Streams settings, over the same raw topic, measured the same way.
echo "copying them with a Kafka Streams pass-through (measurement-ingest's settings) ..." >&2
PASS_CP="measurement-ingest/target/test-classes:measurement-ingest/target/classes:measurement-ingest/target/quarkus-app/lib/main/*"
# shellcheck disable=SC2086 # word splitting of the JVM options is intended
measure_copy pass_through bench-streams-pass-through "$WORK/pass-through.log" \
  java $SURETY_JAVA_OPTS ${INGEST_OPTS_EXTRA:-} -cp "$PASS_CP" dev.surety.ingest.bench.StreamsPassThrough "$BOOTSTRAP" \
  bench-streams-pass-through "$RAW_TOPIC" "$MEASUREMENTS_TOPIC-pass-through" "$WORK/pass-through-state"
PASS=$COPY_RESULT
PASS_RATE=$(sed -E 's/^rate=([0-9.]+).*/\1/' <<<"$PASS")

# The same copy without Kafka Streams: a plain consumer -> producer loop (per poll: send all, flush, commitSync), with
# the same producer settings and as many threads as stream threads, over the same raw topic, measured the same way.
echo "copying them with a plain consumer->producer pass-through ..." >&2
# shellcheck disable=SC2086 # word splitting of the JVM options is intended
measure_copy plain bench-plain-pass-through "$WORK/plain-pass-through.log" \
  java $SURETY_JAVA_OPTS ${PLAIN_OPTS_EXTRA:-} -cp "$CP" dev.surety.devstack.PlainPassThrough "$BOOTSTRAP" \
  bench-plain-pass-through "$RAW_TOPIC" "$MEASUREMENTS_TOPIC-plain-pass-through" "${PLAIN_THREADS:-2}" \
  "${PLAIN_PRODUCERS:-per-thread}"
PLAIN=$COPY_RESULT
PLAIN_RATE=$(sed -E 's/^rate=([0-9.]+).*/\1/' <<<"$PLAIN")

echo "starting measurement-ingest on the filled topic ..." >&2
INGEST_OPTS="$SURETY_JAVA_OPTS"
[[ -z "${INGEST_JFR:-}" ]] || INGEST_OPTS+=" -XX:StartFlightRecording=filename=$INGEST_JFR,settings=profile"
INGEST_OPTS+=" ${INGEST_OPTS_EXTRA:-}"
(SURETY_JAVA_OPTS="$INGEST_OPTS" ./surety start measurement-ingest >/dev/null) &
START_PID=$!
for _ in $(seq 1 600); do [[ -f "$SURETY_HOME/run/measurement-ingest.pid" ]] && break; sleep 0.2; done
INGEST=$(kafka_tool dev.surety.devstack.GroupProgress "$BOOTSTRAP" surety-measurement-ingest "$RAW_TOPIC" "$RECORDS" 600 \
  ingest="$SURETY_HOME/run/measurement-ingest.pid" kafka="$SURETY_HOME/run/kafka.pid")
wait "$START_PID"
INGEST_RATE=$(sed -E 's/^rate=([0-9.]+).*/\1/' <<<"$INGEST")
OUT_RECORDS=$(kafka_tool dev.surety.devstack.TopicName --end-offsets "$BOOTSTRAP" "$MEASUREMENTS_TOPIC")
DLQ_TOPIC=$(kafka_tool dev.surety.devstack.TopicName METRICS_DLQ)
DLQ_RECORDS=$(kafka_tool dev.surety.devstack.TopicName --end-offsets "$BOOTSTRAP" "$DLQ_TOPIC")
COUNTERS=$(curl -fsS "http://localhost:$SURETY_INGEST_PORT/q/metrics" | grep -E '^surety_(metrics|measurements)_[a-z_]*_total' || true)

if [[ -z "${INGEST_SKIP_HTTP:-}" ]]; then
# HTTP: one batch of $BATCH samples per request, from the agent token (tenant acme).
make_batch() {
  local n=0
  printf '['
  while ((n < BATCH)); do
    while IFS= read -r line && ((n < BATCH)); do
      ((n > 0)) && printf ','
      printf '%s' "$line"
      n=$((n + 1))
    done <"$WORK/samples.txt"
  done
  printf ']'
}
make_batch >"$WORK/batch.json"
cat >"$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN_AGENT_EU_1"
local f = io.open("$WORK/batch.json", "r")
wrk.body = f:read("*a")
f:close()
LUA
INGEST_URL="http://localhost:$SURETY_INGEST_PORT/v1/metrics"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$INGEST_URL" -H "Authorization: Bearer $TOKEN_AGENT_EU_1" \
  -H 'Content-Type: application/json' --data-binary @"$WORK/batch.json")
[[ "$code" == 202 ]] || { echo "POST /v1/metrics answered $code" >&2; exit 1; }
echo "HTTP batches for $HTTP_DURATION (warm-up, then measured) ..." >&2
wrk -t2 -c"$CONNECTIONS" -d10s -s "$WORK/post.lua" "$INGEST_URL" >/dev/null
INGEST_PID=$(cat "$SURETY_HOME/run/measurement-ingest.pid")
CPU0=$(kafka_tool dev.surety.devstack.GroupProgress --cpu "$INGEST_PID")
T0=$(date +%s.%N)
WRK=$(wrk -t2 -c"$CONNECTIONS" -d"$HTTP_DURATION" --latency -s "$WORK/post.lua" "$INGEST_URL")
T1=$(date +%s.%N)
CPU1=$(kafka_tool dev.surety.devstack.GroupProgress --cpu "$INGEST_PID")
if grep -q "Non-2xx" <<<"$WRK"; then echo "$WRK" >&2; echo "non-2xx answers (see above)" >&2; fi
REQ_RATE=$(awk '/Requests\/sec:/ {print $2}' <<<"$WRK")
HTTP_P99=$(awk '$1=="99%" {print $2}' <<<"$WRK")
HTTP_RATE=$(awk -v r="$REQ_RATE" -v b="$BATCH" 'BEGIN {printf "%.0f", r*b}')
HTTP_CPU=$(awk -v a="$CPU0" -v b="$CPU1" -v t0="$T0" -v t1="$T1" 'BEGIN {printf "%.2f", (b-a)/(t1-t0)}')
fi

echo
echo "measurement-ingest benchmark, $(nproc) cores, $(date -u +%FT%TZ), $RECORDS records of $SAMPLE_BYTES bytes"
echo "  load average at the start          $LOAD_START${INGEST_OPTS_EXTRA:+, ingest options: $INGEST_OPTS_EXTRA}"
echo "Kafka->Kafka"
echo "  ProducerPerformance (acks=all)      $PRODUCER_RATE records/s"
echo "  ProducerPerformance, pass-through producer settings (acks=all, batch.size 131072, lz4, linger.ms 100)  $PRODUCER_LZ4_RATE records/s, ratio to ConsumerPerformance $(awk -v a="$PRODUCER_LZ4_RATE" -v b="$CONSUMER_RATE" 'BEGIN {printf "%.2f", a/b}')"
echo "  ConsumerPerformance (median of 3)   $CONSUMER_RATE records/s   runs: ${cp_rates[*]}"
echo "  measurement-ingest (10->90 %)       $INGEST_RATE records/s   ($INGEST)"
echo "  measurements topic end offsets      $OUT_RECORDS (records, plus transaction markers under exactly-once), dead letters $DLQ_RECORDS"
echo "  ingest counters after the Kafka run:"
while IFS= read -r counter; do echo "    $counter"; done <<<"$COUNTERS"
# CPU time per record moves less with the machine's load than the rates do.
per_record() {
  awk -v r="$1" -v l="$2" 'BEGIN {
    n = split(l, f, " "); for (i = 2; i <= n; i++) { split(f[i], kv, "="); printf "%s %.1f us  ", kv[1], kv[2] / r * 1e6 } }'
}
echo "  CPU per record                      $(per_record "$INGEST_RATE" "$INGEST")"
echo "  ratio ingest / ConsumerPerformance  $(awk -v a="$INGEST_RATE" -v b="$CONSUMER_RATE" 'BEGIN {printf "%.2f", a/b}')"
echo "  Kafka Streams pass-through          $PASS_RATE records/s   ($PASS; same records, settings and measuring, bytes copied unchanged)"
echo "  pass-through CPU per record         $(per_record "$PASS_RATE" "$PASS")"
echo "  ratio Kafka Streams pass-through / ConsumerPerformance  $(awk -v a="$PASS_RATE" -v b="$CONSUMER_RATE" 'BEGIN {printf "%.2f", a/b}')"
echo "  ratio ingest / Kafka Streams pass-through               $(awk -v a="$INGEST_RATE" -v b="$PASS_RATE" 'BEGIN {printf "%.2f", a/b}')"
echo "  plain pass-through                  $PLAIN_RATE records/s   ($PLAIN; consumer -> producer, ${PLAIN_THREADS:-2} threads, ${PLAIN_PRODUCERS:-per-thread} producer${PLAIN_OPTS_EXTRA:+, options: $PLAIN_OPTS_EXTRA})"
echo "  plain pass-through CPU per record   $(per_record "$PLAIN_RATE" "$PLAIN")"
echo "  ratio plain pass-through / ConsumerPerformance          $(awk -v a="$PLAIN_RATE" -v b="$CONSUMER_RATE" 'BEGIN {printf "%.2f", a/b}')"
echo "  load average at the end            $(cut -d' ' -f1-3 /proc/loadavg)"
[[ -z "${INGEST_SKIP_HTTP:-}" ]] || exit 0
echo "HTTP (POST /v1/metrics, $BATCH samples per request, $CONNECTIONS connections)"
echo "  requests/s $REQ_RATE, p99 $HTTP_P99, samples/s $HTTP_RATE, ingest CPU $HTTP_CPU cores"
echo "  ratio HTTP samples/s / ProducerPerformance records/s  $(awk -v a="$HTTP_RATE" -v b="$PRODUCER_RATE" 'BEGIN {printf "%.2f", a/b}')"
