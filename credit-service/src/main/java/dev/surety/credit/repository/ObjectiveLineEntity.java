package dev.surety.credit.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** Read model of one objective line (written with SQL by {@link ObjectiveLineRepository}), for statements. */
@Entity
@Table(name = "objective_line")
@IdClass(ObjectiveLineEntity.Key.class)
public class ObjectiveLineEntity {

    @Id
    @Column(name = "agreement_id")
    public String agreementId;

    @Id
    @Column(name = "objective_id")
    public String objectiveId;

    @Id
    @Column(name = "period_start")
    public Instant periodStart;

    @Column(name = "period_end")
    public Instant periodEnd;

    public String tenant;

    @Column(name = "agreement_version")
    public int agreementVersion;

    public String status;

    public long good;

    public long total;

    public BigDecimal attainment;

    public BigDecimal target;

    @Column(name = "excluded_seconds")
    public Long excludedSeconds;

    public Integer breaches;

    @Column(name = "tier_below_percent")
    public BigDecimal tierBelowPercent;

    @Column(name = "credit_percent")
    public BigDecimal creditPercent;

    @Column(name = "compliance_id")
    public String complianceId;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Composite primary key: agreement, objective, period start. */
    public static class Key implements Serializable {
        public String agreementId;
        public String objectiveId;
        public Instant periodStart;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(agreementId, k.agreementId)
                    && Objects.equals(objectiveId, k.objectiveId) && Objects.equals(periodStart, k.periodStart);
        }

        @Override
        public int hashCode() {
            return Objects.hash(agreementId, objectiveId, periodStart);
        }
    }
}
