package dev.surety.portal.service;

import io.quarkus.qute.TemplateData;
import java.util.List;

/** What the templates render: already formatted strings and flags, nothing to compute in a template. */
public final class Views {

    private Views() {
    }

    /** A part of a page whose service did not answer. */
    @TemplateData
    public record Unavailable(String part, String service, String detail) {
    }

    @TemplateData
    public record AgreementRow(String id, String name, String customer, String service, String status,
                               String timeZone, String objectives) {
    }

    @TemplateData
    public record TierRow(String below, String credit) {
    }

    @TemplateData
    public record Maintenance(String title, String start, String duration, String recurrence) {
    }

    @TemplateData
    public record BurnRule(String name, String factor, String windows, String rate, String severity) {
    }

    @TemplateData
    public record BreachRow(String opened, String resolved, String duration, String kind, String severity,
                            String reason, boolean open) {
    }

    @TemplateData
    public record ObjectiveCard(String id, String name, String kind, String target, String periodLabel,
                                String periodStart, String periodEnd, boolean hasData, String attainment,
                                boolean meetingTarget, String errorBudget, boolean budgetExhausted,
                                String burnRate, String windowSli, String windowLength, boolean breaching,
                                List<BurnRule> burnRules, List<BreachRow> openBreaches, List<BreachRow> breaches,
                                boolean breachHistoryAvailable, String maintenanceExcluded,
                                String projectedAttainment, String projectedTier, String projectedCredit,
                                String nextTierText, boolean nextTierReachable, String chartSvg, String chartNote,
                                boolean statusAvailable, String statusNote, String periodBreaches, String noData) {
    }

    @TemplateData
    public record CreditRow(String creditId, String period, String objectiveId, String attainment, String tier,
                            String creditPercent, String amount, String state, String stateClass,
                            boolean claimable, String claimDeadline, String periodStartIso, String reason) {
    }

    @TemplateData
    public record PeriodRow(String period, String objectiveId, String status, String attainment, String target,
                            boolean met, String excludedMinutes, String breaches, String credit, String periodStartIso) {
    }

    @TemplateData
    public record AgreementPage(String id, String name, String description, String customer, String customerName,
                                String provider, String service, String status, int version, String timeZone,
                                String effective, String fee, boolean claimRequired, String claimWindow,
                                List<TierRow> tiers, String cap, List<Maintenance> maintenance,
                                List<ObjectiveCard> objectives, List<CreditRow> credits, boolean creditsAvailable,
                                List<PeriodRow> pastPeriods, boolean periodsAvailable, List<Unavailable> unavailable,
                                String asOf, String flash, String flashError) {
    }

    @TemplateData
    public record OpsRow(String agreementId, String agreementName, String tenant, String objectiveId,
                         String objectiveName, String openedAt, String sli, String projected, String tier,
                         String moneyAtRisk, String currency) {
    }

    @TemplateData
    public record BillingRow(String creditId, String period, String agreementId, String customer, String objectiveId,
                             String amount, String currency, String state, String stateClass, String claimDeadline) {
    }

    @TemplateData
    public record Total(String label, String currency, String amount, int count) {
    }
}
