package dev.surety.agreement.openslo;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.BurnRateRule;
import dev.surety.events.Comparison;
import dev.surety.events.Compensation;
import dev.surety.events.CreditAggregation;
import dev.surety.events.CreditTier;
import dev.surety.events.Exclusions;
import dev.surety.events.MaintenanceWindow;
import dev.surety.events.MetricSelector;
import dev.surety.events.NoDataPolicy;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.Responsibilities;
import dev.surety.events.SliKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Agreements drawn from a seeded generator: every field, every kind, values OpenSLO can and cannot hold. */
final class RandomAgreements {

    private static final String[] ZONES = {"UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"};
    private static final String[] TEXTS = {"plain", "with: colon", "# hash", "true", "no", "null", "~", "123", "1.50",
            "2026-01-01", "", " ", "multi\nline", "  padded  ", "quote \" and ' both", "ünïcødé ✓", "- dash", "[x]", "@at", "1M"};
    private static final String[] PERIODS = {ObjectiveSpec.CALENDAR_MONTH, "P30D", "P7D", "PT2M", "PT1H", "P1DT12H",
            "PT90S", "PT720H", "P28D"};
    private static final String[] RRULES = {"FREQ=WEEKLY;BYDAY=SU", "FREQ=MONTHLY;BYMONTHDAY=1", "FREQ=DAILY;COUNT=5",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"};

    private final Random r;

    RandomAgreements(long seed) {
        this.r = new Random(seed);
    }

    AgreementSnapshot next() {
        int n = 1 + r.nextInt(4);
        List<ObjectiveSpec> objectives = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            objectives.add(objective("obj-" + i + (r.nextBoolean() ? "" : "_X.y")));
        }
        List<MaintenanceWindow> windows = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            windows.add(new MaintenanceWindow("w" + i, maybe(text()), Instant.ofEpochSecond(1_770_000_000L + r.nextInt(10_000_000)),
                    duration(), r.nextBoolean() ? RRULES[r.nextInt(RRULES.length)] : null,
                    r.nextBoolean() ? ZONES[r.nextInt(ZONES.length)] : null, null, true));
        }
        Exclusions exclusions = new Exclusions(windows, r.nextBoolean() ? duration() : null,
                r.nextBoolean() ? List.of("customer", "cause-" + text()) : List.of());
        List<CreditTier> tiers = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            tiers.add(new CreditTier(percent(), percent()));
        }
        Compensation compensation = new Compensation(decimal(1_000_000, r.nextInt(5)), r.nextBoolean() ? "EUR" : "JPY", tiers,
                maybe(percent()), r.nextBoolean(), maybe(decimal(100, 2)), r.nextBoolean() ? 1 + r.nextInt(90) : null,
                r.nextBoolean() ? CreditAggregation.values()[r.nextInt(2)] : null);
        Instant from = r.nextBoolean() ? Instant.ofEpochMilli(1_760_000_000_000L + r.nextInt(Integer.MAX_VALUE)) : null;
        return new AgreementSnapshot("id", r.nextInt(9), "tenant-" + r.nextInt(99), maybe(text()), maybe(text()), maybe(text()),
                maybe(text()), r.nextBoolean() ? "svc-" + r.nextInt(9) : null, AgreementStatus.values()[r.nextInt(4)], from,
                from != null && r.nextBoolean() ? from.plus(Duration.ofDays(365)) : null, ZONES[r.nextInt(ZONES.length)],
                objectives, exclusions, compensation,
                r.nextBoolean() ? new Responsibilities(maybe(text()), maybe(text()), maybe(text()), maybe(text())) : null,
                maybe(text()), Instant.now(), maybe("someone"));
    }

    private ObjectiveSpec objective(String id) {
        SliKind kind = SliKind.values()[r.nextInt(SliKind.values().length)];
        Map<String, String> labels = new HashMap<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            labels.put("k" + i + (r.nextBoolean() ? ".io/x" : ""), text());
        }
        MetricSelector sel = new MetricSelector(maybe("agent-" + r.nextInt(3)), "svc", "metric_" + r.nextInt(5), labels);
        boolean valueKind = kind != SliKind.RATIO;
        Comparison cmp = valueKind || r.nextInt(5) == 0 ? Comparison.values()[r.nextInt(Comparison.values().length)] : null;
        BigDecimal bound = valueKind || r.nextInt(5) == 0 ? decimal(1000, r.nextInt(4)) : null;
        BigDecimal percentile = kind == SliKind.PERCENTILE ? percent() : r.nextInt(6) == 0 ? percent() : null;
        Duration slice = kind == SliKind.TIME_SLICE || kind == SliKind.PERCENTILE || r.nextInt(6) == 0
                ? maybe(duration()) : null;
        List<BurnRateRule> rules = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            rules.add(new BurnRateRule(maybe("rule-" + i), decimal(20, r.nextInt(3)), duration(), duration(), maybe("page")));
        }
        return new ObjectiveSpec(id, maybe(text()), maybe(text()), kind, sel, cmp, bound, percentile, slice, percent(),
                PERIODS[r.nextInt(PERIODS.length)], duration(), maybe(percent()), maybe(duration()), rules,
                r.nextBoolean() ? NoDataPolicy.values()[r.nextInt(3)] : null, maybe(duration()));
    }

    /** Whole minutes, hours and days (OpenSLO can say them) or seconds (it cannot). */
    private Duration duration() {
        return switch (r.nextInt(4)) {
            case 0 -> Duration.ofSeconds(1 + r.nextInt(600));
            case 1 -> Duration.ofMinutes(1 + r.nextInt(600));
            case 2 -> Duration.ofHours(1 + r.nextInt(48));
            default -> Duration.ofDays(1 + r.nextInt(30));
        };
    }

    /** A percentage with 0 to 4 decimals, trailing zeros kept (99.950 must stay 99.950). */
    private BigDecimal percent() {
        return BigDecimal.valueOf(r.nextInt(1_000_000) + 1, 4).setScale(r.nextInt(5), java.math.RoundingMode.DOWN)
                .max(new BigDecimal("0.1")).min(new BigDecimal("99.9999"));
    }

    private BigDecimal decimal(int max, int scale) {
        return BigDecimal.valueOf(1 + r.nextInt(max)).add(BigDecimal.valueOf(r.nextInt(10_000), 4)).setScale(scale,
                java.math.RoundingMode.HALF_EVEN);
    }

    private String text() {
        return TEXTS[r.nextInt(TEXTS.length)];
    }

    private <T> T maybe(T value) {
        return r.nextBoolean() ? value : null;
    }
}
