package dev.surety.devstack;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.CloudEvents;
import dev.surety.events.Compensation;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.ComplianceStatus;
import dev.surety.events.CreditIssued;
import dev.surety.events.CreditTier;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.Measurement;
import dev.surety.events.MetricSelector;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import dev.surety.events.Topic;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Benchmark driver for credit-service: N agreements (one objective each) close a period at once.
 * Publishes the N agreement snapshots, waits until credit-service has consumed them, then publishes
 * N FINAL compliance records (95 % against a 99 % tier: 250.00 EUR each) and times how long it takes
 * until N CreditIssued events are on the credits topic. The baseline in the same run is Kafka alone
 * moving the same N records (the compliance records, produced and acknowledged).
 *
 * <p>Usage: {@code CreditBench <bootstrap> <agreements> <timeoutSeconds>}. Prints {@code key=value} lines.
 */
public final class CreditBench {

    private CreditBench() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int n = Integer.parseInt(args[1]);
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[2]));
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant periodStart = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        Instant periodEnd = periodStart.plus(Duration.ofMinutes(1));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(UUID.nameUUIDFromBytes(("credit-bench/" + run + "/" + i).getBytes()).toString());
        }
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap); Admin admin = admin(bootstrap)) {
            List<Future<?>> acks = new ArrayList<>();
            for (String id : ids) {
                AgreementSnapshot a = new AgreementSnapshot(id, 1, "bench", "Credit benchmark", "Bench Hosting",
                        "bench-api", AgreementStatus.ACTIVE, periodStart, null, "UTC",
                        List.of(new ObjectiveSpec("availability", "Availability", SliKind.RATIO,
                                new MetricSelector(null, "bench-api", "http_requests", Map.of()), new BigDecimal("99.9"),
                                "PT1M", Duration.ofSeconds(30), new BigDecimal("99"), Duration.ZERO)),
                        new Compensation(new BigDecimal("1000.00"), "EUR", List.of(
                                new CreditTier(new BigDecimal("99.9"), new BigDecimal("10")),
                                new CreditTier(new BigDecimal("99.0"), new BigDecimal("25"))), null, false),
                        periodStart);
                ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topic.AGREEMENTS.topicName(), id, EventCodec.encode(a));
                CloudEvents.write(r.headers(), EventType.AGREEMENT_SNAPSHOT, UUID.nameUUIDFromBytes((id + "/1").getBytes())
                        .toString(), "/surety/agreement-service", periodStart, id);
                acks.add(producer.send(r));
            }
            for (Future<?> f : acks) {
                f.get();
            }
            awaitConsumed(admin, "credit-service", Topic.AGREEMENTS.topicName(), timeout);
            Map<TopicPartition, Long> creditsStart = TopicName.endOffsets(admin, Topic.CREDITS.topicName());

            long t0 = System.nanoTime();
            acks.clear();
            for (String id : ids) {
                ComplianceRecord c = new ComplianceRecord(UUID.nameUUIDFromBytes((id + "/final").getBytes()).toString(),
                        id, 1, "availability", "bench", periodStart, periodEnd, 1900, 2000, new BigDecimal("95.000000"),
                        new BigDecimal("99.9"), false, ComplianceStatus.FINAL);
                String key = Measurement.key(id, "availability");
                ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topic.COMPLIANCE.topicName(), key, EventCodec.encode(c));
                CloudEvents.write(r.headers(), EventType.COMPLIANCE, c.id(), "/surety/breach-detector", periodEnd, key);
                acks.add(producer.send(r));
            }
            for (Future<?> f : acks) {
                f.get();
            }
            long produced = System.nanoTime();

            Set<String> wanted = new HashSet<>(ids);
            Set<String> credited = new HashSet<>();
            BigDecimal total = BigDecimal.ZERO;
            int doubles = 0;
            try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
                consumer.assign(creditsStart.keySet());
                creditsStart.forEach(consumer::seek);
                long deadline = System.nanoTime() + timeout.toNanos();
                while (credited.size() < n && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        if (CloudEvents.type(r.headers()) != EventType.CREDIT_ISSUED) {
                            continue;
                        }
                        CreditIssued c = EventCodec.decode(r.value(), CreditIssued.class);
                        if (wanted.contains(c.agreementId())) {
                            if (!credited.add(c.agreementId())) {
                                doubles++;
                            }
                            total = total.add(c.amount());
                        }
                    }
                }
            }
            long done = System.nanoTime();
            System.out.printf("agreements=%d%n", n);
            System.out.printf("credited=%d%n", credited.size());
            System.out.printf("doubles=%d%n", doubles);
            System.out.printf("total_eur=%s%n", total.toPlainString());
            System.out.printf("kafka_produce_seconds=%.3f%n", (produced - t0) / 1e9);
            System.out.printf("credited_seconds=%.3f%n", (done - t0) / 1e9);
            System.out.printf("credits_per_second=%.0f%n", credited.size() / ((done - t0) / 1e9));
            if (credited.size() < n) {
                System.exit(1);
            }
        }
    }

    private static void awaitConsumed(Admin admin, String group, String topic, Duration timeout) throws Exception {
        long end = TopicName.endOffsets(admin, topic).values().stream().mapToLong(Long::longValue).sum();
        int partitions = TopicName.partitions(admin, topic);
        Poll.until(timeout, Duration.ofMillis(200), () -> GroupProgress.committedNow(admin, group, topic, partitions) >= end,
                () -> group + " did not consume " + topic + " within " + timeout);
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }
}
