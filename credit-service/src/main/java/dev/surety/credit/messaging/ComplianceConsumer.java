package dev.surety.credit.messaging;

import dev.surety.credit.ComplianceOutcome;
import dev.surety.credit.service.CreditLedgerService;
import dev.surety.credit.service.CreditLedgerService.Received;
import dev.surety.credit.service.CreditMetrics;
import dev.surety.credit.service.Settlement;
import dev.surety.events.CloudEvents;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes compliance records a poll at a time: the valid records of a poll are stored and settled
 * in one database transaction, and the poll is acknowledged (its offsets may be committed) only
 * after that transaction committed. Within a poll, records are applied in partition order. When
 * the database rejects a poll's data, the poll is applied again a record at a time, so only the
 * record that cannot be stored is skipped.
 */
@ApplicationScoped
public class ComplianceConsumer {

    private static final Logger LOG = Logger.getLogger(ComplianceConsumer.class);

    private final CreditLedgerService ledger;
    private final CreditMetrics metrics;
    private final Failures failures;
    private final CreditOutboxRelay relay;

    public ComplianceConsumer(CreditLedgerService ledger, CreditMetrics metrics, Failures failures,
                              CreditOutboxRelay relay) {
        this.ledger = ledger;
        this.metrics = metrics;
        this.failures = failures;
        this.relay = relay;
    }

    @Incoming("compliance")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        List<Received> valid = new ArrayList<>();
        List<KafkaRecord<String, byte[]>> sources = new ArrayList<>();
        for (KafkaRecord<String, byte[]> message : batch) {
            byte[] payload = message.getPayload();
            ComplianceRecord r;
            try {
                EventType type = CloudEvents.type(message.getHeaders());
                if (type != null && type != EventType.COMPLIANCE) {
                    throw new IllegalArgumentException("unexpected event type " + type);
                }
                r = EventCodec.decode(payload, ComplianceRecord.class);
                validate(r);
            } catch (RuntimeException e) {
                skip(message, "invalid", e);
                continue;
            }
            metrics.complianceReceived(r.status().name());
            valid.add(new Received(r, payload));
            sources.add(message);
        }
        if (valid.isEmpty()) {
            return ack(batch);
        }
        return failures.retryTransient("compliance batch of " + valid.size(), () -> ledger.recordComplianceBatch(valid))
                .invoke(this::settled)
                .replaceWithVoid()
                .onFailure(Failures::isPoison).recoverWithUni(e -> {
                    LOG.warnf("compliance batch of %d rejected (%s); applying its records one at a time",
                            valid.size(), e.getMessage());
                    return Multi.createFrom().range(0, valid.size())
                            .onItem().transformToUniAndConcatenate(i -> one(valid.get(i), sources.get(i)))
                            .collect().asList().replaceWithVoid();
                })
                .onFailure().invoke(e -> sources.forEach(m -> skip(m, "unstorable", e)))
                .onFailure().recoverWithNull()
                .chain(() -> ack(batch));
    }

    /** One record in its own transaction; a record the database rejects is skipped. */
    private Uni<Void> one(Received received, KafkaRecord<String, byte[]> source) {
        ComplianceRecord r = received.record();
        return failures.retryTransient("compliance " + r.id(), () -> ledger.recordCompliance(r, received.document()))
                .invoke(s -> settled(List.of(s)))
                .replaceWithVoid()
                .onFailure().invoke(e -> skip(source, "unstorable", e))
                .onFailure().recoverWithNull();
    }

    private void settled(List<Settlement> settlements) {
        boolean publish = false;
        for (Settlement s : settlements) {
            LOG.debugf("compliance %s: %s", s.complianceId(),
                    s.outcome() == null ? "redelivery, nothing to do" : s.outcome());
            publish |= s.outcome() == ComplianceOutcome.CREDITED || s.outcome() == ComplianceOutcome.ADJUSTED;
        }
        if (publish) {
            // committed: publish now rather than at the relay's next timed run
            relay.wake();
        }
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

    private static Uni<Void> ack(Message<?> message) {
        return Uni.createFrom().completionStage(message.ack());
    }

    private void skip(KafkaRecord<String, byte[]> message, String reason, Throwable e) {
        String where = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset() + " key " + m.getKey())
                .orElse("?");
        LOG.errorf("skipping compliance record %s (%s): %s", where, reason, e.getMessage());
        metrics.complianceRejected(reason);
    }
}
