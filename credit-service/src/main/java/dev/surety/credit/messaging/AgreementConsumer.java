package dev.surety.credit.messaging;

import dev.surety.credit.service.CreditLedgerService;
import dev.surety.credit.service.CreditMetrics;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes agreement snapshots (key = agreement id). Each new version is stored, then compliance
 * records that were waiting for the agreement are settled in the same transaction. A tombstone
 * flags the agreement's versions deleted. Acknowledged only after the transaction committed.
 */
@ApplicationScoped
public class AgreementConsumer {

    private static final Logger LOG = Logger.getLogger(AgreementConsumer.class);

    private final CreditLedgerService ledger;
    private final CreditMetrics metrics;
    private final Failures failures;
    private final CreditOutboxRelay relay;

    public AgreementConsumer(CreditLedgerService ledger, CreditMetrics metrics, Failures failures,
                             CreditOutboxRelay relay) {
        this.ledger = ledger;
        this.metrics = metrics;
        this.failures = failures;
        this.relay = relay;
    }

    @Incoming("agreements")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<byte[]> message) {
        Optional<IncomingKafkaRecordMetadata> meta = message.getMetadata(IncomingKafkaRecordMetadata.class);
        String key = meta.map(m -> m.getKey() == null ? null : m.getKey().toString()).orElse(null);
        byte[] payload = message.getPayload();
        Uni<?> work;
        if (payload == null) {
            if (key == null) {
                skip(meta, "invalid", "tombstone without key");
                return ack(message);
            }
            work = failures.retryTransient("agreement tombstone " + key, () -> ledger.recordAgreementDeleted(key))
                    .invoke(n -> LOG.infof("agreement %s deleted (%d versions flagged)", key, n));
        } else {
            AgreementSnapshot s;
            try {
                EventType type = meta.map(m -> CloudEvents.type(m.getHeaders())).orElse(null);
                if (type != null && type != EventType.AGREEMENT_SNAPSHOT) {
                    throw new IllegalArgumentException("unexpected event type " + type);
                }
                s = EventCodec.decode(payload, AgreementSnapshot.class);
                if (s.agreementId() == null || s.agreementId().isBlank() || s.tenant() == null) {
                    throw new IllegalArgumentException("snapshot without agreementId or tenant");
                }
            } catch (RuntimeException e) {
                skip(meta, "invalid", e.getMessage());
                return ack(message);
            }
            if (key != null && !key.equals(s.agreementId())) {
                LOG.warnf("agreement snapshot keyed %s carries agreementId %s; using the agreementId", key,
                        s.agreementId());
            }
            work = failures.retryTransient("agreement " + s.agreementId() + " v" + s.version(),
                    () -> ledger.recordAgreement(s, payload))
                    .invoke(settled -> {
                        if (!settled.isEmpty()) {
                            LOG.infof("agreement %s v%d settled %d waiting compliance records", s.agreementId(),
                                    s.version(), settled.size());
                            relay.wake();
                        }
                    });
        }
        return work.replaceWithVoid()
                .onFailure().invoke(e -> skip(meta, "unstorable", e.getMessage()))
                .onFailure().recoverWithNull()
                .chain(() -> ack(message));
    }

    private static Uni<Void> ack(Message<byte[]> message) {
        return Uni.createFrom().completionStage(message.ack());
    }

    private void skip(Optional<IncomingKafkaRecordMetadata> meta, String reason, String detail) {
        String where = meta.map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset() + " key " + m.getKey())
                .orElse("?");
        LOG.errorf("skipping agreement record %s (%s): %s", where, reason, detail);
        metrics.agreementRejected(reason);
    }
}
