package dev.surety.credit.it;

import dev.surety.devstack.testing.SuretyTestInfra;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.Compensation;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.ComplianceStatus;
import dev.surety.events.CreditAggregation;
import dev.surety.events.CreditTier;
import dev.surety.events.EventType;
import dev.surety.events.Exclusions;
import dev.surety.events.MetricSelector;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Agreements and compliance records for the Kafka-level tests. */
final class Fixtures {

    static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant OCT = Instant.parse("2026-10-01T00:00:00Z");
    static final Instant NOV = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant DEC = Instant.parse("2026-12-01T00:00:00Z");

    private Fixtures() {
    }

    static String tenant() {
        return "tenant-" + UUID.randomUUID();
    }

    static String token(String role, String tenant) {
        return SuretyTestInfra.tokens().mint("someone", tenant, role);
    }

    /** EUR schedule: below 99.9 -> 10 %, below 99.0 -> 25 %, below 95.0 -> 100 %. */
    static Compensation eur(String fee, String cap, boolean claimRequired, String minimum, Integer claimWindowDays,
                            CreditAggregation aggregation) {
        return new Compensation(new BigDecimal(fee), "EUR", List.of(
                new CreditTier(new BigDecimal("99.9"), new BigDecimal("10")),
                new CreditTier(new BigDecimal("99.0"), new BigDecimal("25")),
                new CreditTier(new BigDecimal("95.0"), new BigDecimal("100"))),
                cap == null ? null : new BigDecimal(cap), claimRequired,
                minimum == null ? null : new BigDecimal(minimum), claimWindowDays, aggregation);
    }

    static ObjectiveSpec objective(String id) {
        return new ObjectiveSpec(id, id, SliKind.RATIO, new MetricSelector(null, "checkout", id, Map.of()),
                new BigDecimal("99.9"), ObjectiveSpec.CALENDAR_MONTH, Duration.ofMinutes(5), new BigDecimal("99.0"),
                Duration.ofMinutes(5));
    }

    static AgreementSnapshot agreement(String agreementId, int version, String tenant, Instant updatedAt,
                                       Compensation compensation, String... objectives) {
        return new AgreementSnapshot(agreementId, version, tenant, "Checkout SLA", null, "Surety Hosting", null,
                "checkout", AgreementStatus.ACTIVE, JAN, null, "UTC",
                Arrays.stream(objectives).map(Fixtures::objective).toList(), Exclusions.NONE, compensation, null, null,
                updatedAt, "alice");
    }

    static AgreementSnapshot agreement(String tenant, Compensation compensation, String... objectives) {
        return agreement("agr-" + UUID.randomUUID(), 1, tenant, JAN, compensation, objectives);
    }

    static ComplianceRecord record(AgreementSnapshot a, String objective, Instant start, Instant end, long good,
                                   long total, ComplianceStatus status) {
        BigDecimal attainment = total == 0 ? new BigDecimal("100.000000")
                : BigDecimal.valueOf(good).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(total), 6, RoundingMode.DOWN);
        return new ComplianceRecord(UUID.randomUUID().toString(), a.agreementId(), a.version(), objective,
                a.tenant(), start, end, good, total, attainment, new BigDecimal("99.9"),
                attainment.compareTo(new BigDecimal("99.9")) >= 0, status, Duration.ofMinutes(90), null, 2, null);
    }

    static ComplianceRecord fin(AgreementSnapshot a, String objective, Instant start, Instant end, long good,
                                long total) {
        return record(a, objective, start, end, good, total, ComplianceStatus.FINAL);
    }

    static String key(AgreementSnapshot a, String objective, Instant periodStart) {
        return a.agreementId() + "/" + objective + "/" + periodStart;
    }

    static List<ConsumerRecord<String, byte[]>> ofType(List<ConsumerRecord<String, byte[]>> records, String key,
                                                      EventType type) {
        return EventBus.withKey(records, key).stream()
                .filter(r -> type.ceType().equals(EventBus.header(r, dev.surety.events.CloudEvents.H_TYPE)))
                .toList();
    }
}
