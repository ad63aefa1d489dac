package dev.surety.credit.it;

import static org.awaitility.Awaitility.await;

import dev.surety.devstack.testing.SuretyTestInfra;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.CloudEvents;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.Measurement;
import dev.surety.events.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
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

/** Plain Kafka clients playing agreement-service, breach-detector and billing around credit-service. */
final class EventBus {

    private static KafkaProducer<String, byte[]> producer;

    private EventBus() {
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SuretyTestInfra.kafkaBootstrap());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    static void publishAgreement(AgreementSnapshot s) {
        send(Topic.AGREEMENTS, s.agreementId(), EventCodec.encode(s), EventType.AGREEMENT_SNAPSHOT,
                s.agreementId() + "/v" + s.version(), "/surety/agreement-service");
    }

    static void publishCompliance(ComplianceRecord r) {
        send(Topic.COMPLIANCE, Measurement.key(r.agreementId(), r.objectiveId()), EventCodec.encode(r),
                EventType.COMPLIANCE, r.id(), "/surety/breach-detector");
    }

    /**
     * Publishes records in one Kafka transaction: the consumer (read_committed) sees them all at
     * the same moment, so they reach it in as few polls as possible, the way a breach-detector
     * closing many periods at once delivers them.
     */
    static void publishComplianceAtOnce(List<ComplianceRecord> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SuretyTestInfra.kafkaBootstrap());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "credit-test-" + UUID.randomUUID());
        try (KafkaProducer<String, byte[]> tx = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            tx.initTransactions();
            tx.beginTransaction();
            for (ComplianceRecord r : records) {
                String key = Measurement.key(r.agreementId(), r.objectiveId());
                ProducerRecord<String, byte[]> rec = new ProducerRecord<>(Topic.COMPLIANCE.topicName(), key,
                        EventCodec.encode(r));
                CloudEvents.write(rec.headers(), EventType.COMPLIANCE, r.id(), "/surety/breach-detector",
                        Instant.now(), null);
                tx.send(rec);
            }
            tx.commitTransaction();
        }
    }

    /** Deletion of an agreement: a null value under its key on the compacted topic. */
    static void publishTombstone(String agreementId) {
        try {
            producer().send(new ProducerRecord<>(Topic.AGREEMENTS.topicName(), agreementId, null)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Raw bytes on the compliance topic, as a broken producer might write them. */
    static void publishRawCompliance(String key, byte[] value) {
        try {
            producer().send(new ProducerRecord<>(Topic.COMPLIANCE.topicName(), key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(Topic topic, String key, byte[] value, EventType type, String id, String source) {
        ProducerRecord<String, byte[]> rec = new ProducerRecord<>(topic.topicName(), key, value);
        CloudEvents.write(rec.headers(), type, id, source, Instant.now(), null);
        try {
            producer().send(rec).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads the credits topic from the beginning until {@code done} holds, then on to the end
     * offsets as they stand at that moment, so every event published before the one awaited is
     * included.
     */
    static List<ConsumerRecord<String, byte[]>> readCreditsUntil(Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SuretyTestInfra.kafkaBootstrap());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topic.CREDITS.topicName()).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return done.test(seen);
            });
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
            return seen;
        }
    }

    static List<ConsumerRecord<String, byte[]>> withKey(List<ConsumerRecord<String, byte[]>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key())).toList();
    }

    static String header(ConsumerRecord<String, byte[]> r, String name) {
        return CloudEvents.header(r.headers(), name);
    }
}
