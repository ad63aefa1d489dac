#!/usr/bin/env bash
# Creates Surety's topics on the compose broker, as the topic catalog defines them
# (sla-events Topic, docs/events.md): name, partitions, cleanup policy and retention.
# Runs once per `docker compose up` in the one-shot service `kafka-topics`, with the broker image's
# own tools, after the broker is healthy. Existing topics are kept and their configuration is set to
# the catalog's values again, so a second run changes nothing. Partitions are never reduced: Kafka
# cannot do that, and the script says so when a topic has fewer than the catalog asks for.
set -euo pipefail

BOOTSTRAP=${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}
REPLICATION_FACTOR=${SURETY_TOPIC_REPLICATION_FACTOR:-1}
# Production: 3 replicas, min.insync.replicas 2 (Topic.PRODUCTION_*). A single broker can only hold 1.
if ((REPLICATION_FACTOR >= 3)); then MIN_INSYNC=2; else MIN_INSYNC=1; fi
BIN=${KAFKA_HOME:-/opt/kafka}/bin

# name | partitions | cleanup.policy | retention.ms (-1 = kept forever) — the catalog, checked by
# deploy/validation (ComposeTopicsTest) against sla-events' Topic enum.
TOPICS=(
  "sla.agreements 3 compact -1"
  "sla.metrics.raw 6 delete 604800000"
  "sla.metrics.dlq 1 delete 1209600000"
  "sla.measurements 6 delete 3024000000"
  "sla.breaches 3 delete 7776000000"
  "sla.compliance 3 delete 7776000000"
  "sla.credits 3 delete 7776000000"
)

for entry in "${TOPICS[@]}"; do
  read -r name partitions cleanup retention <<<"$entry"
  "$BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor "$REPLICATION_FACTOR" \
    --config "cleanup.policy=$cleanup" --config "retention.ms=$retention" \
    --config "min.insync.replicas=$MIN_INSYNC"
  "$BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" --alter --entity-type topics --entity-name "$name" \
    --add-config "cleanup.policy=$cleanup,retention.ms=$retention,min.insync.replicas=$MIN_INSYNC" >/dev/null
  actual=$("$BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --describe --topic "$name" | grep -c 'Partition: ' || true)
  if ((actual < partitions)); then
    echo "WARNING: $name has $actual partitions, the catalog says $partitions:" \
      "kafka-topics.sh --alter --topic $name --partitions $partitions (moves keys between partitions)" >&2
  fi
  echo "topic $name: $actual partitions, cleanup.policy=$cleanup, retention.ms=$retention"
done
