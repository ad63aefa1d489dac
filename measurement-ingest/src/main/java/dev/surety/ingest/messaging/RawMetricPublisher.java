package dev.surety.ingest.messaging;

import dev.surety.events.CloudEvents;
import dev.surety.events.EventType;
import dev.surety.ingest.config.IngestConfig;
import dev.surety.ingest.format.PayloadFormat;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes raw metric payloads accepted over HTTP to the raw-metrics topic, where the topology
 * routes them like any other raw record. acks=all and idempotence: a write counts as done only
 * once every in-sync replica has it, and producer retries never duplicate it.
 */
@ApplicationScoped
public class RawMetricPublisher {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final long ackTimeoutMs;

    public RawMetricPublisher(@ConfigProperty(name = "surety.topic.sla-metrics-raw") String topic,
                              IngestConfig config) {
        this.topic = topic;
        this.ackTimeoutMs = config.http().ackTimeout().toMillis();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.http().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "measurement-ingest-http");
        // send() must not block a request thread longer than the request may wait in total.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(ackTimeoutMs));
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Writes one raw record and waits for the broker's acknowledgement.
     *
     * @throws NotAcknowledgedException when the broker did not acknowledge within the configured
     *                                  timeout or refused the write; the caller must not report success
     */
    public void publish(String key, byte[] payload, String id, String source, String tenant, Instant time) {
        publish(key, payload, id, source, tenant, time, PayloadFormat.SURETY_JSON, Map.of());
    }

    /**
     * Writes one raw record of any format, named by its {@code ce_type} and {@code content-type}, and waits for the
     * broker's acknowledgement. The record timestamp is {@code time}: line-protocol points without a timestamp take it.
     *
     * @param extraHeaders more headers, e.g. the line-protocol precision or {@code content-encoding}
     */
    public void publish(String key, byte[] payload, String id, String source, String tenant, Instant time,
                        PayloadFormat format, Map<String, String> extraHeaders) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, time.toEpochMilli(), key, payload);
        CloudEvents.write(record.headers(), EventType.RAW_METRIC, id, source, time, null);
        Headers h = record.headers();
        h.remove(CloudEvents.H_TYPE);
        h.add(CloudEvents.H_TYPE, format.ceType().getBytes(StandardCharsets.UTF_8));
        h.remove(CloudEvents.H_CONTENT_TYPE);
        h.add(CloudEvents.H_CONTENT_TYPE, format.contentType().getBytes(StandardCharsets.UTF_8));
        extraHeaders.forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(IngestTopology.H_TENANT, tenant.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get(ackTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | org.apache.kafka.common.KafkaException e) {
            // The record may still reach the broker later; the caller answers 503 so the agent
            // resends, and sample ids make the resulting measurements deduplicable.
            throw new NotAcknowledgedException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotAcknowledgedException(e);
        }
    }

    void close(@Observes ShutdownEvent ev) {
        producer.close(java.time.Duration.ofSeconds(5));
    }

    /** The broker did not acknowledge a write in time (or refused it). */
    public static final class NotAcknowledgedException extends RuntimeException {
        NotAcknowledgedException(Throwable cause) {
            super("write not acknowledged by the broker", cause, false, false);
        }
    }
}
