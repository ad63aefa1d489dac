package dev.surety.credit.repository;

import dev.surety.credit.CreditState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Read model of one ledger row (the ledger is written with SQL by {@link LedgerRepository}). */
@Entity
@Table(name = "credit")
public class CreditEntity {

    @Id
    @Column(name = "credit_id")
    public UUID creditId;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "agreement_id")
    public String agreementId;

    @Column(name = "agreement_version")
    public int agreementVersion;

    @Column(name = "objective_id")
    public String objectiveId;

    public String tenant;

    @Column(name = "period_start")
    public Instant periodStart;

    @Column(name = "period_end")
    public Instant periodEnd;

    public BigDecimal attainment;

    @Column(name = "tier_below_percent")
    public BigDecimal tierBelowPercent;

    @Column(name = "credit_percent")
    public BigDecimal creditPercent;

    public BigDecimal amount;

    public String currency;

    @Enumerated(EnumType.STRING)
    public CreditState state;

    @Column(name = "compliance_id")
    public String complianceId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "applied_at")
    public Instant appliedAt;

    @Column(name = "applied_by")
    public String appliedBy;

    /** Before the minimum credit; null when no tier applied. */
    @Column(name = "computed_amount")
    public BigDecimal computedAmount;

    /** Why the row last changed (late data, minimum credit), when not a plain computation. */
    public String reason;

    public String aggregation;

    @Column(name = "claim_deadline")
    public Instant claimDeadline;

    @Column(name = "claim_id")
    public UUID claimId;

    @Column(name = "claimed_at")
    public Instant claimedAt;

    @Column(name = "claimed_by")
    public String claimedBy;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
