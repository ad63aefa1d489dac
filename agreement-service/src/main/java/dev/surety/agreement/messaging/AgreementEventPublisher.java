package dev.surety.agreement.messaging;

import dev.surety.agreement.config.AgreementServiceConfig;
import dev.surety.agreement.repository.OutboxEventEntity;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventType;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Sends outbox events to the agreements topic as CloudEvents in Kafka binary mode: key = agreement
 * id, value = the stored event-codec JSON, {@code ce_*} headers; a tombstone (outbox row without
 * payload) as a record with a null value and no headers.
 */
@ApplicationScoped
public class AgreementEventPublisher {

    /** The outgoing channel bound to the agreements topic in application.properties. */
    public static final String CHANNEL = "agreements";

    private final MutinyEmitter<byte[]> emitter;
    private final AgreementServiceConfig config;

    public AgreementEventPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter, AgreementServiceConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    /**
     * Sends one event; the Uni completes when the broker acknowledged it (acks=all) and fails when
     * it refused it or did not answer within the send timeout. Completion is delivered back on the
     * caller's Vert.x context: the caller holds a reactive database session, which must only be
     * used from its own context, while acknowledgements arrive on a Kafka client thread.
     */
    public Uni<Void> publish(OutboxEventEntity event) {
        RecordHeaders headers = new RecordHeaders();
        // A tombstone (null payload) carries no headers: it is not an event, only "forget this key".
        if (event.payload != null) {
            EventType type = EventType.ofCeType(event.eventType)
                    .orElseThrow(() -> new IllegalStateException("outbox holds an unknown event type"));
            CloudEvents.write(headers, type, event.id.toString(), config.eventSource(), event.eventTime,
                    event.aggregateId);
        }
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.aggregateId)
                .withHeaders(headers)
                .build();
        Message<byte[]> message = Message.of(
                event.payload == null ? null : event.payload.getBytes(StandardCharsets.UTF_8), Metadata.of(kafka));
        Uni<Void> sent = emitter.sendMessage(message)
                .ifNoItem().after(config.outbox().sendTimeout()).fail();
        Context context = Vertx.currentContext();
        return context == null ? sent : sent.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
