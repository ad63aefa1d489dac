package dev.surety.credit.reference;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.Compensation;
import dev.surety.events.CreditTier;
import dev.surety.events.MetricSelector;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Public cloud SLAs written as Surety agreements, so tests can check that their published credit
 * tables come out of the calculator unchanged. Fee 1000.00 USD per monthly period, no cap
 * (100 %), credits issued without a claim; the tiers are the providers' own.
 */
public enum ReferenceAgreements {

    /** AWS Compute, region-level SLA: 99.99 % commitment. */
    AWS_COMPUTE_REGION("AWS Compute (region-level)", "aws", "ec2", "99.99",
            tier("99.99", "10"), tier("99.0", "30"), tier("95.0", "100")),
    /** Amazon S3 Standard: 99.9 % commitment. */
    AWS_S3_STANDARD("Amazon S3 Standard", "aws", "s3", "99.9",
            tier("99.9", "10"), tier("99.0", "25"), tier("95.0", "100")),
    /** Azure virtual machines: below the SLA (99.99 %) 10 %, below 99 % 25 %, below 95 % 100 %. */
    AZURE_VIRTUAL_MACHINES("Azure Virtual Machines", "azure", "virtual-machines", "99.99",
            tier("99.99", "10"), tier("99", "25"), tier("95", "100"));

    /** The objective every reference agreement carries. */
    public static final String OBJECTIVE = "availability";
    /** Monthly fee the percentages apply to. */
    public static final BigDecimal FEE = new BigDecimal("1000.00");
    public static final String CURRENCY = "USD";

    private final String name;
    private final String provider;
    private final String service;
    private final BigDecimal commitment;
    private final List<CreditTier> tiers;

    ReferenceAgreements(String name, String provider, String service, String commitment, CreditTier... tiers) {
        this.name = name;
        this.provider = provider;
        this.service = service;
        this.commitment = new BigDecimal(commitment);
        this.tiers = List.of(tiers);
    }

    public BigDecimal commitment() {
        return commitment;
    }

    /** The provider's credit schedule, highest bound first. */
    public Compensation compensation() {
        return new Compensation(FEE, CURRENCY, tiers, null, false);
    }

    /** The reference agreement as agreement-service would publish it, for one tenant. */
    public AgreementSnapshot snapshot(String agreementId, String tenant, Instant effectiveFrom, Instant effectiveTo) {
        ObjectiveSpec availability = new ObjectiveSpec(OBJECTIVE, name + " monthly uptime", SliKind.RATIO,
                new MetricSelector(null, service, "availability", Map.of()), commitment,
                ObjectiveSpec.CALENDAR_MONTH, Duration.ofMinutes(5), commitment, Duration.ofMinutes(5));
        return new AgreementSnapshot(agreementId, 1, tenant, name, provider, service, AgreementStatus.ACTIVE,
                effectiveFrom, effectiveTo, "UTC", List.of(availability), compensation(), effectiveFrom);
    }

    private static CreditTier tier(String below, String percent) {
        return new CreditTier(new BigDecimal(below), new BigDecimal(percent));
    }
}
