package dev.surety.credit.messaging;

import dev.surety.credit.service.CreditLedgerService;
import dev.surety.credit.service.CreditMetrics;
import dev.surety.events.CloudEvents;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes compliance records. A record is acknowledged (its offset may be committed) only after
 * the database transaction that stored and settled it has committed; records are handled one at a
 * time in partition order.
 */
@ApplicationScoped
public class ComplianceConsumer {

    private static final Logger LOG = Logger.getLogger(ComplianceConsumer.class);

    private final CreditLedgerService ledger;
    private final CreditMetrics metrics;
    private final Failures failures;

    public ComplianceConsumer(CreditLedgerService ledger, CreditMetrics metrics, Failures failures) {
        this.ledger = ledger;
        this.metrics = metrics;
        this.failures = failures;
    }

    @Incoming("compliance")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<byte[]> message) {
        byte[] payload = message.getPayload();
        ComplianceRecord r;
        try {
            EventType type = message.getMetadata(IncomingKafkaRecordMetadata.class)
                    .map(m -> CloudEvents.type(m.getHeaders())).orElse(null);
            if (type != null && type != EventType.COMPLIANCE) {
                throw new IllegalArgumentException("unexpected event type " + type);
            }
            r = EventCodec.decode(payload, ComplianceRecord.class);
            validate(r);
        } catch (RuntimeException e) {
            skip(message, "invalid", e);
            return ack(message);
        }
        metrics.complianceReceived(r.status().name());
        return failures.retryTransient("compliance " + r.id(), () -> ledger.recordCompliance(r, payload))
                .invoke(s -> LOG.debugf("compliance %s: %s", s.complianceId(),
                        s.outcome() == null ? "redelivery, nothing to do" : s.outcome()))
                .replaceWithVoid()
                .onFailure().invoke(e -> skip(message, "unstorable", e))
                .onFailure().recoverWithNull()
                .chain(() -> ack(message));
    }

    static void validate(ComplianceRecord r) {
        require(r.id(), "id");
        require(r.agreementId(), "agreementId");
        require(r.objectiveId(), "objectiveId");
        require(r.periodStart(), "periodStart");
        require(r.status(), "status");
        if (r.good() < 0 || r.total() < 0 || r.good() > r.total()) {
            throw new IllegalArgumentException("impossible counts good=" + r.good() + " total=" + r.total());
        }
    }

    private static void require(Object value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new IllegalArgumentException("missing " + field);
        }
    }

    private static Uni<Void> ack(Message<byte[]> message) {
        return Uni.createFrom().completionStage(message.ack());
    }

    private void skip(Message<byte[]> message, String reason, Throwable e) {
        String where = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset() + " key " + m.getKey())
                .orElse("?");
        LOG.errorf("skipping compliance record %s (%s): %s", where, reason, e.getMessage());
        metrics.complianceRejected(reason);
    }
}
