package dev.surety.systemtests;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.BurnRateRule;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.Exclusions;
import dev.surety.events.Measurement;
import dev.surety.events.MetricSelector;
import dev.surety.events.NoDataPolicy;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import dev.surety.events.Topic;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Feeds breach-detector directly, the way agreement-service and measurement-ingest would: agreement
 * snapshots and measurements with explicit event times, as CloudEvents on the catalog's topics.
 */
final class DetectorFeed implements AutoCloseable {

    static final String OBJECTIVE = "availability";

    private final StackClient stack;
    private final KafkaProducer<String, byte[]> producer;

    DetectorFeed(StackClient stack) {
        this.stack = stack;
        this.producer = stack.producer();
    }

    /**
     * A RATIO objective judged over a one-day period starting at {@code from}: window, threshold,
     * hold time and burn-rate rules as given; silence counts only after a day, so the wall clock
     * never adds no-data events to a replayed past.
     */
    static AgreementSnapshot agreement(String agreementId, String tenant, Instant from, Duration window,
                                       String threshold, Duration hold, List<BurnRateRule> rules) {
        ObjectiveSpec o = new ObjectiveSpec(OBJECTIVE, "Availability", null, SliKind.RATIO,
                new MetricSelector(null, "checkout", "http_requests", Map.of()), null, null, null, null,
                new BigDecimal("99.9"), "P1D", window, new BigDecimal(threshold), hold, rules, NoDataPolicy.IGNORE,
                Duration.ofDays(1));
        return new AgreementSnapshot(agreementId, 1, tenant, "Checkout SLA", null, "provider", null, "checkout",
                AgreementStatus.ACTIVE, from, null, "UTC", List.of(o), Exclusions.NONE, null, null, null, from, null);
    }

    void publish(AgreementSnapshot a) throws Exception {
        send(Topic.AGREEMENTS, a.agreementId(), EventType.AGREEMENT_SNAPSHOT, a.agreementId() + "/" + a.version(),
                a.updatedAt(), EventCodec.encode(a));
    }

    /** A measurement of the objective with a deterministic id (so a re-publication would be a duplicate). */
    void measure(String agreementId, String tenant, Instant at, long good, long total) throws Exception {
        String id = agreementId + "/" + at.toEpochMilli();
        Measurement m = new Measurement(id, "raw-" + id, agreementId, 1, OBJECTIVE, tenant, at, good, total);
        send(Topic.MEASUREMENTS, Measurement.key(agreementId, OBJECTIVE), EventType.MEASUREMENT, id, at,
                EventCodec.encode(m));
    }

    /** Waits until everything sent so far is acknowledged by the broker. */
    void flush() {
        producer.flush();
    }

    /** The committed events of {@code sla.breaches} for one objective, in publication order. */
    List<ConsumerRecord<String, byte[]>> breachEvents(String agreementId) {
        String key = Measurement.key(agreementId, OBJECTIVE);
        return stack.allRecords(Topic.BREACHES).stream().filter(r -> key.equals(r.key())).toList();
    }

    private void send(Topic topic, String key, EventType type, String id, Instant time, byte[] value)
            throws Exception {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic.topicName(), null, time.toEpochMilli(), key, value);
        CloudEvents.write(r.headers(), type, id, "/surety/system-tests", time, key);
        producer.send(r).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close();
    }
}
