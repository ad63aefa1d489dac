#!/usr/bin/env bash
# breach-detector next to Kafka on the same machine, broker and run. Five figures:
#  1. input rate with lag flat: the highest rate of live measurements (stamped now, healthy, sent by a paced
#     producer) at which a fresh exactly-once detector's lag stays within a commit interval and a fifth of a second
#     of traffic (at least 50 records; the committed offsets trail by up to a commit interval) at every check (every 500 ms), divided by ConsumerPerformance's records/s reading the 1-minute
#     topic. Goal >= 0.40. Found by `DetectorBench sustained` on its own topic and application id (same agreements,
#     objectives and topic config as pass 4): SUSTAINED_WARMUP s (default 120, JIT) at the start rate, 0.4 x the
#     drain rate below, then steps of SUSTAINED_STEP s (default 30), x1.1 a step while flat, a step flat when every
#     check after its first 10 s is within the bar (before each step, at most 60 s for one check within it); it
#     stops at the first step not flat, above 1.3 x the drain rate, or after SUSTAINED_STEPS steps (default 16, enough
#     to pass 1.3 x the drain from 0.4 x; at 8 a quiet run stopped still flat at 0.78 x, session 13);
#     when the first step is not flat it goes down (/1.25 a step) to the first flat one. The figure is the rate
#     actually sent in the last flat step (one line per step in the summary). SUSTAINED=0 skips the search (no
#     figure 1). The drain rate: measurements/s the detector (exactly-once) judges from a pre-filled topic, its
#     committed offsets going from 10 % to 90 %, the median of DRAIN_ROUNDS drains (see below); drain /
#     ConsumerPerformance is printed below figure 1 (it was figure 1 up to session 9, and a detector next to a live
#     producer on this 2-core machine sustains less).
#  2. exactly-once / at-least-once drain rate: the drain of 1 again under another application id (fresh state)
#     with processing.guarantee=at_least_once (same commit interval), median over median. Goal >= 0.90. Before
#     the drains, one unmeasured drain of each guarantee warms the broker (BROKER_WARMUP=0 skips it).
#  3. cost per event, 60-minute window / 1-minute window: detector CPU-seconds per measurement for
#     the same number of measurements on objectives identical but for `window`, median over median. Goal <= 1.2.
#  Drains run in DRAIN_ROUNDS rounds (default 3), each round one exactly-once 1-minute drain, one at-least-once
#  drain (pass 2) and one 60-minute drain (pass 3), each with fresh state: the two sides of figures 2 and 3
#  alternate through the same minutes of the run. One drain of each in a run (up to session 13) moved figure 2 by
#  +-15 % between runs of one build on a quiet machine.
#  4. p99 event-to-breach latency at half the rate of 1 (the sustained rate; half the drain rate when the search
#     was skipped or found none): BreachOpened consumed (read_committed)
#     minus the moment the measurement that made the rule true was handed to the producer
#     (HdrHistogram). Goal <= 100 ms. Measured in steady state: the driver first sends healthy traffic at
#     that rate for at least LATENCY_WARMUP seconds (default 120; a fresh JVM spends its first 2-3 minutes
#     JIT-compiling on about a core of the two), with the same bursts of bad measurements as the timed span on
#     objectives the timed bursts never use (untimed: opening breaches is compiled before it is timed), and until the detector's lag (checked every 500 ms) has stayed
#     within a commit interval and a fifth of a second of traffic at every check for LATENCY_STEADY seconds in a row (default 30; a
#     detector under the bar once fell behind again by 59,700 records and its p99 timed that backlog), at most
#     10 minutes more. The summary says whether the figure is a steady-state one: steady_s (the stretch within
#     the bar when timing started; caught_up=false if it never got there), and, from the lag sampled every
#     500 ms while timing, lag_max_timed and lag_over_share (the share of samples above lag_allowed); the
#     figure's row says "NOT steady" when it never got steady or a timed sample was above the bar.
#  5. resident memory of the detector at -Xmx256m with 100,000 objectives that each have state
#     (peak VmRSS, VmHWM, ~75 s after the last measurement, so a PROVISIONAL round and the
#     wall-clock scans are in it; if the detector has not judged every objective's measurement
#     within 900 s, the table says how many objectives had state). Goal <= 512 MB. The detector runs
#     with the JVM options it ships with (JAVA_TOOL_OPTIONS of deploy/kubernetes/base/breach-detector.yaml,
#     read from there), its heap sizes replaced by -Xmx256m.
# CPU (cores used) is printed per process; all five goals in a table at the end.
#   bench/detector.sh [records=300000] [rss_objectives=100000] [latency_seconds=180]
# latency_seconds: figure 4's timed span, 4 timed breaches a second (default 180, that is 720, so its p99 is about
# the 8th slowest; at 60, up to session 13, it was the 3rd slowest of 240, and one build's p99 moved 114-194 ms).
# records: measurements per drain topic. At 100 000 a drain lasts a few seconds of a fresh JVM still compiling, and
# drains of one build on a quiet machine moved 2-fold (5 957-14 620/s); at 300 000 by 2-15 % (session 13).
# Every pass runs with the detector's own commit interval (kafka-streams.commit.interval.ms of its
# application.properties), the at-least-once pass too (its Kafka Streams default of 30 s would make the committed
# offsets jump), and COMMIT_MS=<ms> overrides it for all passes; the lag bar of figures 1 and 4 allows one interval.
# (Sessions 12-13 measured the detector pacing its own commits, b93638a, with this script's support for it, 926f9b2:
# not better on a quiet machine; both are reverted.)
# DETECTOR_OPTS_EXTRA=<jvm options> is added to every detector start (e.g. a JFR recording or -Xlog:gc).
# bench/detector-tail.py splits figure 4's latency per breach (waiting before the detector judged it, then the
# commit) from DETECTOR_BENCH_TRACE, the detector's DEBUG trace lines, and optionally a GC log and a JFR recording.
# Passes 1-4 run the detector with the JVM options it ships with (JAVA_TOOL_OPTIONS of its Kubernetes manifest,
# heap sizes included); DETECTOR_BASE_OPTS=<jvm options> replaces them.
# PASSES=<digits> runs only those passes (default 12345), e.g. PASSES=5 for memory alone; figure 4 then
# runs at LATENCY_RATE measurements/s (default: half of pass 1's sustained rate, else half its drain rate, or 2500
# without pass 1).
# Needs a JDK 17 and Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RECORDS=${1:-300000}
RSS_OBJECTIVES=${2:-100000}
LATENCY_SECONDS=${3:-180}
# Figures 1-4: 250 agreements of 4 objectives (1,000 keys over the topic's partitions), history
# spread over 3 hours so the 60-minute windows are full and sliding.
AGREEMENTS=250
OBJECTIVES=4
SPAN_MINUTES=180
RSS_PER_AGREEMENT=10
COMMIT_MS=${COMMIT_MS:-$(sed -n 's/^kafka-streams\.commit\.interval\.ms=//p' breach-detector/src/main/resources/application.properties)}
COMMIT_MS=${COMMIT_MS:-100}
DETECTOR_OPTS_EXTRA=${DETECTOR_OPTS_EXTRA:-}
PASSES=${PASSES:-12345}
LATENCY_WARMUP=${LATENCY_WARMUP:-120}
LATENCY_STEADY=${LATENCY_STEADY:-30}
BROKER_WARMUP=${BROKER_WARMUP:-1}
SUSTAINED=${SUSTAINED:-1}
SUSTAINED_WARMUP=${SUSTAINED_WARMUP:-120}
SUSTAINED_STEP=${SUSTAINED_STEP:-30}
SUSTAINED_STEPS=${SUSTAINED_STEPS:-16}
DRAIN_ROUNDS=${DRAIN_ROUNDS:-3}
pass() { [[ "$PASSES" == *"$1"* ]]; }

export SURETY_HOME="$ROOT/bench/target/home-detector"
export SURETY_KAFKA_PORT=19392 SURETY_KAFKA_CONTROLLER_PORT=19393 SURETY_PG_PORT=25732
export SURETY_AGREEMENT_PORT=18381 SURETY_INGEST_PORT=18382 SURETY_DETECTOR_PORT=18383 SURETY_CREDIT_PORT=18384
BOOTSTRAP="localhost:$SURETY_KAFKA_PORT"
RUN="$SURETY_HOME/run"

echo "building ..." >&2
# package, not install: a bench never replaces the jars in ~/.m2 that a test run beside it has open.
mvn -B -ntp -q package -DskipTests -pl deploy/devstack,breach-detector -am
CP="$(find deploy/devstack/target -maxdepth 1 -name 'devstack-*.jar' | head -n 1):$(cat deploy/devstack/target/classes/devstack-classpath.txt)"
kafka_tool() { java -Xmx512m -cp "$CP" "$@"; }
bench() { java -Xmx512m -cp "$CP" dev.surety.devstack.DetectorBench "$@"; }
# The detector's production JVM options: the Kubernetes manifest's JAVA_TOOL_OPTIONS (compose, the dev overlay and
# `./surety start` use the same flags), read by devstack's one parser of them (DetectorBench jvm-options, which
# exits non-zero when it finds none). Passes 1-4 run them as shipped, heap sizes included, so the figures are
# those of what ships (DETECTOR_BASE_OPTS replaces them, e.g. "-Xms256m -Xmx768m -XX:+UseParallelGC", the
# options of passes 1-4 up to session 8). Pass 5: the shipped options with the figure's heap instead of theirs.
SHIPPED_OPTS=$(bench jvm-options)
BASE_OPTS=${DETECTOR_BASE_OPTS:-$SHIPPED_OPTS}
RSS_OPTS=$(bench jvm-options -Xmx256m)
echo "passes 1-4: $BASE_OPTS (shipped: $SHIPPED_OPTS)" >&2
cpu() { kafka_tool dev.surety.devstack.GroupProgress --cpu "$1"; }
field() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"; }
calc() { awk "BEGIN {printf \"$1\", $2}"; }

START_PID=""
stop_detector() {
  local pid
  if [[ -f "$RUN/breach-detector.pid" ]]; then
    pid=$(cat "$RUN/breach-detector.pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$RUN/breach-detector.pid"
    # Keep each run's log: the next start overwrites it.
    cp "$SURETY_HOME/logs/breach-detector.log" "$SURETY_HOME/logs/breach-detector-$APP_ID.log" 2>/dev/null || true
  fi
  if [[ -n "$START_PID" ]]; then wait "$START_PID" 2>/dev/null || true; START_PID=""; fi
}
cleanup() { stop_detector; ./surety down >&2 || true; }
trap cleanup EXIT

# start_detector <application id> <topic property> <guarantee> <jvm options> [wait]: the packaged
# service with its input topic renamed; in the background unless "wait" (then returns when ready).
APP_ID=""
start_detector() {
  APP_ID=$1
  export SURETY_JAVA_OPTS="$4 -Dquarkus.kafka-streams.application-id=$1 -D$2 -Dkafka-streams.processing.guarantee=$3 -Dkafka-streams.commit.interval.ms=$COMMIT_MS $DETECTOR_OPTS_EXTRA"
  rm -f "$RUN/breach-detector.pid"
  if [[ "${5:-}" == wait ]]; then
    ./surety start breach-detector >/dev/null
  else
    (./surety start breach-detector >/dev/null) &
    START_PID=$!
    for _ in $(seq 1 600); do [[ -f "$RUN/breach-detector.pid" ]] && break; sleep 0.2; done
  fi
}
detector_counters() {
  curl -fsS "http://localhost:$SURETY_DETECTOR_PORT/q/metrics" \
    | grep -E '^surety_(measurements_[a-z]+|breaches_opened|compliance_[a-z]+)_total' | tr '\n' ' ' || true
}

# progress_run <application id> <topic property> <guarantee>: rate and CPU of one pass over a topic.
progress_run() {
  local topic=${2#*=} out
  start_detector "$1" "$2" "$3" "$BASE_OPTS"
  out=$(kafka_tool dev.surety.devstack.GroupProgress "$BOOTSTRAP" "$1" "$topic" "$RECORDS" 900 \
    detector="$RUN/breach-detector.pid" kafka="$RUN/kafka.pid")
  bench await "$BOOTSTRAP" "$1" "$topic" 300 >/dev/null
  echo "$out counters: $(detector_counters)"
  stop_detector
}

rm -rf "$SURETY_HOME"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
./surety start infra >/dev/null
KAFKA_PID=$(cat "$RUN/kafka.pid")

echo "publishing agreements and filling two topics with $RECORDS measurements each ..." >&2
bench agreements "$BOOTSTRAP" m1 "$AGREEMENTS" "$OBJECTIVES" PT1M >/dev/null
bench agreements "$BOOTSTRAP" m60 "$AGREEMENTS" "$OBJECTIVES" PT60M >/dev/null
T1=$(bench topic "$BOOTSTRAP" bench-1m)
T60=$(bench topic "$BOOTSTRAP" bench-60m)
FILL="not filled"
if pass 1 || pass 2; then
  FILL=$(bench fill "$BOOTSTRAP" "${T1#*=}" m1 "$AGREEMENTS" "$OBJECTIVES" "$RECORDS" "$SPAN_MINUTES")
fi
if pass 3; then
  bench fill "$BOOTSTRAP" "${T60#*=}" m60 "$AGREEMENTS" "$OBJECTIVES" "$RECORDS" "$SPAN_MINUTES" >/dev/null
fi

# The broker JIT-compiles its transactional paths during the first exactly-once run (session 7: half of its CPU
# in pass 1 was C2), which made whichever pass ran first the slower; one unmeasured run of each guarantee over the
# same topic comes first, so passes 1 and 2 both meet a warm broker. BROKER_WARMUP=0 skips it.
if [[ "$BROKER_WARMUP" != 0 ]] && { pass 1 || pass 2; }; then
  echo "warming the broker: one unmeasured exactly-once and one at-least-once run over the 1-minute topic ..." >&2
  progress_run bench-warm-eos "$T1" exactly_once_v2 >/dev/null
  progress_run bench-warm-alo "$T1" at_least_once >/dev/null
fi

cp_rates=() CONSUMER_RATE="" EOS1="" ALO1="" EOS60="" R_EOS1="" R_ALO1="" US1="" US60=""
eos1_runs=() alo1_runs=() eos60_runs=()
SUST_STEPS="" SUST_RESULT="" R_SUST=""
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
us_per() { calc %.2f "$(field detector_cpu "$1") / $(field rate "$1") * 1e6"; }
# median_run <rate|us> <run line...>: the run whose rate (or CPU per measurement) is the median of them.
median_run() {
  local what=$1 i m
  shift
  local runs=("$@") values=()
  for i in "${!runs[@]}"; do
    if [[ "$what" == us ]]; then values+=("$(us_per "${runs[i]}")"); else values+=("$(field rate "${runs[i]}")"); fi
  done
  m=$(median "${values[@]}")
  for i in "${!runs[@]}"; do
    if [[ "${values[i]}" == "$m" ]]; then echo "${runs[i]}"; return; fi
  done
}
rates_of() { local run; if (($# == 0)); then echo -; return; fi; for run in "$@"; do field rate "$run"; done | tr '\n' ' '; }
drain() {
  local label=$1 out
  shift
  echo "   round $round of $DRAIN_ROUNDS, $label ..." >&2
  out=$(progress_run "$@")
  echo "   $out" >&2
  echo "$out"
}
if pass 1; then
  echo "reading the 1-minute topic with ConsumerPerformance (3 runs, median) ..." >&2
  for r in 1 2 3; do
    out=$(kafka_tool org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$BOOTSTRAP" --topic "${T1#*=}" \
      --messages "$RECORDS" --group "bench-consumer-perf-$r-$RANDOM" --hide-header --timeout 120000 2>/dev/null | tail -n 1)
    # start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms,
    # fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
    cp_rates+=("$(awk -F', ' '{print $10}' <<<"$out")")
  done
  CONSUMER_RATE=$(median "${cp_rates[@]}")
fi
# The drains of figures 1-3 in rounds, each round one drain of each kind the passes need (exactly-once 1-minute for
# 1, 2 and 3; at-least-once for 2; 60-minute for 3), each under its own application id (fresh state): a figure's
# two sides alternate through the same minutes instead of following each other once.
if pass 1 || pass 2 || pass 3; then
  echo "1-3: $DRAIN_ROUNDS rounds of drains ..." >&2
  for round in $(seq 1 "$DRAIN_ROUNDS"); do
    eos1_runs+=("$(drain "exactly-once, 1-minute windows" "bench-eos-1m-$round" "$T1" exactly_once_v2)")
    if pass 2; then
      alo1_runs+=("$(drain "at-least-once, 1-minute windows" "bench-alo-1m-$round" "$T1" at_least_once)")
    fi
    if pass 3; then
      eos60_runs+=("$(drain "exactly-once, 60-minute windows" "bench-eos-60m-$round" "$T60" exactly_once_v2)")
    fi
  done
  EOS1=$(median_run rate "${eos1_runs[@]}")
  R_EOS1=$(field rate "$EOS1")
  US1=$(us_per "$(median_run us "${eos1_runs[@]}")")
  if pass 2; then
    ALO1=$(median_run rate "${alo1_runs[@]}")
    R_ALO1=$(field rate "$ALO1")
  fi
  if pass 3; then
    EOS60=$(median_run us "${eos60_runs[@]}")
    US60=$(us_per "$EOS60")
  fi
fi
if pass 1 && [[ "$SUSTAINED" != 0 ]]; then
  SUST_START=$(calc %.0f "0.4 * $R_EOS1")
  echo "1: sustained rate, exactly-once, live traffic from $SUST_START measurements/s (${SUSTAINED_WARMUP}s warm-up," \
    "steps of ${SUSTAINED_STEP}s, at most $SUSTAINED_STEPS) ..." >&2
  TS=$(bench topic "$BOOTSTRAP" bench-sustained)
  start_detector bench-sustained "$TS" exactly_once_v2 "$BASE_OPTS" wait
  out=$(bench sustained "$BOOTSTRAP" "${TS#*=}" bench-sustained m1 "$AGREEMENTS" "$OBJECTIVES" "$SUST_START" "$R_EOS1" \
    warmup="$SUSTAINED_WARMUP" step="$SUSTAINED_STEP" steps="$SUSTAINED_STEPS" commit_ms="$COMMIT_MS" pid="$(cat "$RUN/breach-detector.pid")" \
    | while IFS= read -r line; do echo "   $line" >&2; echo "$line"; done || true)
  stop_detector
  SUST_STEPS=$(grep '^step=' <<<"$out" | sed 's/^/    /' || true)
  SUST_RESULT=$(grep '^sustained_rate=' <<<"$out" || echo "sustained_rate=none (the search failed)")
  R_SUST=$(field sustained_rate "$SUST_RESULT")
  [[ "$R_SUST" =~ ^[0-9.]+$ ]] || R_SUST=""
fi

LATENCY="" LAT_CPU="" LAT_COUNTERS="" P99="" LAT_STEADY="" LAT_NOTE=""
# Half the sustained rate, else half the drain rate, else (no pass 1) 2500.
HALF=${LATENCY_RATE:-$(calc %.0f "${R_SUST:-${R_EOS1:-5000}} / 2")}
if pass 4; then
  echo "4: event-to-breach latency at $HALF measurements/s for ${LATENCY_SECONDS}s (after >= ${LATENCY_WARMUP}s warm-up" \
    "and ${LATENCY_STEADY}s in a row within the allowed lag) ..." >&2
  LIVE=$(bench topic "$BOOTSTRAP")
  start_detector surety-breach-detector "$LIVE" exactly_once_v2 "$BASE_OPTS" wait
  DETECTOR_PID=$(cat "$RUN/breach-detector.pid")
  D0=$(cpu "$DETECTOR_PID"); K0=$(cpu "$KAFKA_PID"); L0=$(date +%s.%N)
  LATENCY=$(bench latency "$BOOTSTRAP" "${LIVE#*=}" surety-breach-detector m1 "$AGREEMENTS" "$OBJECTIVES" "$HALF" "$LATENCY_WARMUP" \
    "$LATENCY_SECONDS" 500 2 5 "$LATENCY_STEADY" "$COMMIT_MS" | tr '\n' ' ' || true)
  echo "   $LATENCY" >&2
  D1=$(cpu "$DETECTOR_PID"); K1=$(cpu "$KAFKA_PID"); L1=$(date +%s.%N)
  LAT_CPU="detector_cpu=$(calc %.2f "($D1 - $D0) / ($L1 - $L0)") kafka_cpu=$(calc %.2f "($K1 - $K0) / ($L1 - $L0)")"
  LAT_COUNTERS=$(detector_counters)
  stop_detector
  P99=$(field p99_ms "$LATENCY")
  LAT_STEADY="steady_s=$(field steady_s "$LATENCY") (needed $LATENCY_STEADY, caught_up=$(field caught_up "$LATENCY"))"
  LAT_STEADY+=" lag_max_timed=$(field lag_max_timed "$LATENCY") lag_over_share=$(field lag_over_share "$LATENCY")"
  LAT_STEADY+=" lag_allowed=$(field lag_allowed "$LATENCY")"
  if [[ "$(field caught_up "$LATENCY")" != true || "$(field lag_over_share "$LATENCY")" != 0.000 ]]; then
    LAT_NOTE=", NOT steady"
  fi
fi

RSS_CONSUMED="" RSS_MAX="" RSS_LAST="" RSS_COUNTERS="" RSS_MB="" RSS_STATES=""
if pass 5; then
  echo "5: $RSS_OBJECTIVES objectives with state at -Xmx256m ..." >&2
  bench agreements "$BOOTSTRAP" rss $((RSS_OBJECTIVES / RSS_PER_AGREEMENT)) "$RSS_PER_AGREEMENT" PT5M >/dev/null
  TR=$(bench topic "$BOOTSTRAP" bench-rss)
  bench fill "$BOOTSTRAP" "${TR#*=}" rss $((RSS_OBJECTIVES / RSS_PER_AGREEMENT)) "$RSS_PER_AGREEMENT" \
    "$RSS_OBJECTIVES" 1 >/dev/null
  echo "   JVM options: $RSS_OPTS" >&2
  start_detector bench-rss "$TR" exactly_once_v2 "$RSS_OPTS" wait
  DETECTOR_PID=$(cat "$RUN/breach-detector.pid")
  RSS_CONSUMED=$(bench await "$BOOTSTRAP" bench-rss "${TR#*=}" 900 || echo "not all consumed within 900 s")
  echo "   $RSS_CONSUMED" >&2
  RSS_MAX=0
  for _ in $(seq 1 38); do
    rss=$(field rss_kb "$(bench memory "$DETECTOR_PID")")
    ((rss > RSS_MAX)) && RSS_MAX=$rss
    sleep 2
  done
  RSS_LAST=$(bench memory "$DETECTOR_PID")
  RSS_COUNTERS=$(detector_counters)
  # The figure is the peak (VmHWM): samples every 2 s can miss a short high.
  RSS_MB=$(calc %.0f "$(field hwm_kb "$RSS_LAST") / 1024")
  RSS_STATES=$(grep -o 'surety_measurements_processed_total [0-9]*' <<<"$RSS_COUNTERS" | awk '{print $2}' || true)
  stop_detector
fi

ratio() { if [[ -n "$1" && -n "$2" ]]; then calc %.2f "$1 / $2"; else echo -; fi; }
F1=$(ratio "$R_SUST" "$CONSUMER_RATE")
F1_DRAIN=$(ratio "$R_EOS1" "$CONSUMER_RATE")
F2=$(ratio "$R_EOS1" "$R_ALO1")
F3=$(ratio "$US60" "$US1")
met() { if [[ "$1" == -* || "$1" == " "* ]]; then echo -; else awk "BEGIN {print ($1) ? \"yes\" : \"no\"}"; fi; }

echo
echo "breach-detector benchmark, $(nproc) cores, $(date -u +%FT%TZ), $RECORDS measurements per topic" \
  "($((AGREEMENTS * OBJECTIVES)) objectives, ${SPAN_MINUTES} min of event time; $FILL), detector commit interval ${COMMIT_MS} ms," \
  "load average at the start $LOAD_START, at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  detector JVM options, passes 1-4    $BASE_OPTS"
echo "  ConsumerPerformance (median of 3)     $CONSUMER_RATE records/s   runs: ${cp_rates[*]}"
echo "  detector EOS, 1-min windows (drain)   median: $EOS1"
echo "                                        rates of the $DRAIN_ROUNDS rounds: $(rates_of "${eos1_runs[@]}")"
echo "  sustained rate, lag flat (EOS, live)  ${SUST_RESULT:--}"
if [[ -n "$SUST_STEPS" ]]; then echo "$SUST_STEPS"; fi
echo "  detector at-least-once, 1-min         median: $ALO1"
echo "                                        rates of the $DRAIN_ROUNDS rounds: $(rates_of "${alo1_runs[@]}")"
echo "  detector EOS, 60-min windows          median (CPU per measurement): $EOS60"
echo "                                        rates of the $DRAIN_ROUNDS rounds: $(rates_of "${eos60_runs[@]}")"
echo "  CPU per measurement (medians)         1-min ${US1} us, 60-min ${US60} us"
echo "  latency run                           $LATENCY $LAT_CPU"
echo "    steady state: $LAT_STEADY"
echo "    counters: $LAT_COUNTERS"
echo "  $RSS_OBJECTIVES objectives, $RSS_OPTS"
echo "                                        $RSS_CONSUMED max_rss_kb=$RSS_MAX, at the end $RSS_LAST"
echo "    counters: $RSS_COUNTERS"
echo
printf '  %-52s %10s %10s %4s\n' figure value goal met
printf '  %-52s %10s %10s %4s\n' "1 sustained rate (lag flat) / ConsumerPerformance" "$F1" ">= 0.40" "$(met "$F1 >= 0.40")"
printf '  %-52s %10s\n' "  drain rate / ConsumerPerformance (not the figure)" "$F1_DRAIN"
printf '  %-52s %10s %10s %4s\n' "2 exactly-once / at-least-once drain rate" "$F2" ">= 0.90" "$(met "$F2 >= 0.90")"
printf '  %-52s %10s %10s %4s\n' "3 CPU per event, 60-min / 1-min window" "$F3" "<= 1.2" "$(met "$F3 <= 1.2")"
printf '  %-52s %10s %10s %4s\n' "4 p99 event-to-breach at $HALF/s (ms$LAT_NOTE)" "$P99" "<= 100" "$(met "$P99 <= 100")"
printf '  %-52s %10s %10s %4s\n' "5 peak RSS, ${RSS_STATES:-?} of $RSS_OBJECTIVES with state, 256m (MB)" "$RSS_MB" "<= 512" "$(met "$RSS_MB <= 512")"
