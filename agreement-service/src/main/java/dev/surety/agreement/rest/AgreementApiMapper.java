package dev.surety.agreement.rest;

import dev.surety.agreement.Agreement;
import dev.surety.agreement.AgreementPage;
import dev.surety.agreement.AgreementTerms;
import dev.surety.agreement.AgreementVersionPage;
import dev.surety.agreement.rest.AgreementRequest.BurnRateRuleInput;
import dev.surety.agreement.rest.AgreementRequest.CompensationInput;
import dev.surety.agreement.rest.AgreementRequest.ExclusionsInput;
import dev.surety.agreement.rest.AgreementRequest.MaintenanceWindowInput;
import dev.surety.agreement.rest.AgreementRequest.ObjectiveInput;
import dev.surety.agreement.rest.AgreementRequest.ResponsibilitiesInput;
import dev.surety.agreement.rest.AgreementResponse.BurnRateRuleView;
import dev.surety.agreement.rest.AgreementResponse.CompensationView;
import dev.surety.agreement.rest.AgreementResponse.CreditTierView;
import dev.surety.agreement.rest.AgreementResponse.ExclusionsView;
import dev.surety.agreement.rest.AgreementResponse.ObjectiveView;
import dev.surety.agreement.rest.AgreementResponse.ResponsibilitiesView;
import dev.surety.agreement.rest.AgreementResponse.SelectorView;
import dev.surety.events.BurnRateRule;
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
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Maps the REST models to the domain and back, filling in the documented defaults. Input must
 * have passed bean validation.
 */
@ApplicationScoped
public class AgreementApiMapper {

    static final String DEFAULT_TIME_ZONE = "UTC";
    static final BigDecimal DEFAULT_CAP_PERCENT = BigDecimal.valueOf(100);

    /** The id of the objective at {@code index}: its own, or {@code objective-<index + 1>}. */
    public static String objectiveId(ObjectiveInput o, int index) {
        return o.id() != null ? o.id() : "objective-" + (index + 1);
    }

    /**
     * The id of a window: its own, or {@code mw-} and 8 hex digits derived from its timing, so the
     * same window written again (a PUT of the same body) keeps its id and its announcement.
     */
    public static String windowId(MaintenanceWindowInput w) {
        if (w.windowId() != null) {
            return w.windowId();
        }
        String key = w.start() + "|" + normalDuration(w.duration()) + "|" + strip(w.rrule()) + "|" + w.timeZone();
        return "mw-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString().substring(0, 8);
    }

    public AgreementTerms toTerms(AgreementRequest r) {
        List<ObjectiveSpec> objectives = new ArrayList<>(r.objectives().size());
        for (int i = 0; i < r.objectives().size(); i++) {
            objectives.add(toSpec(r.objectives().get(i), i));
        }
        return new AgreementTerms(r.name().strip(), r.description(), r.customer().strip(), strip(r.customerName()),
                r.provider().strip(), r.service().strip(), r.timeZone() != null ? r.timeZone() : DEFAULT_TIME_ZONE,
                r.effectiveFrom(), r.effectiveTo(), objectives, toExclusions(r.exclusions()),
                toCompensation(r.compensation()), toResponsibilities(r.responsibilities()), r.securityTerms());
    }

    private static ObjectiveSpec toSpec(ObjectiveInput o, int index) {
        var s = o.selector();
        boolean sliced = o.sliKind() == SliKind.TIME_SLICE || o.sliKind() == SliKind.PERCENTILE;
        Duration slice = o.slice() != null ? duration(o.slice()) : sliced ? ObjectiveSpec.DEFAULT_SLICE : null;
        List<BurnRateRule> rules = o.burnRateRules() == null ? List.of()
                : o.burnRateRules().stream().map(AgreementApiMapper::toRule).toList();
        return new ObjectiveSpec(objectiveId(o, index), o.name().strip(), o.description(), o.sliKind(),
                new MetricSelector(s.source(), s.service(), s.metric(), s.labels()), o.comparison(),
                plainOrNull(o.bound()), plainOrNull(o.percentile()), slice, plain(o.target()), period(o.period()),
                duration(o.window()), plainOrNull(o.threshold()),
                o.holdTime() == null ? Duration.ZERO : duration(o.holdTime()), rules,
                o.noData() == null ? NoDataPolicy.IGNORE : o.noData(),
                o.noDataAfter() == null ? ObjectiveSpec.DEFAULT_NO_DATA_AFTER : duration(o.noDataAfter()));
    }

    private static BurnRateRule toRule(BurnRateRuleInput r) {
        return new BurnRateRule(strip(r.name()), plain(r.factor()), duration(r.longWindow()), duration(r.shortWindow()),
                strip(r.severity()));
    }

    /** {@code CALENDAR_MONTH} (also the default), or the duration as written (trimmed, upper case), e.g. {@code P30D}. */
    private static String period(String period) {
        return period == null || ObjectiveSpec.CALENDAR_MONTH.equals(period) ? ObjectiveSpec.CALENDAR_MONTH
                : period.strip().toUpperCase(Locale.ROOT);
    }

    private static Exclusions toExclusions(ExclusionsInput e) {
        if (e == null) {
            return new Exclusions(List.of(), Duration.ZERO, List.of());
        }
        List<MaintenanceWindow> windows = e.maintenanceWindows() == null ? List.of()
                : e.maintenanceWindows().stream().map(AgreementApiMapper::toWindow).toList();
        List<String> causes = e.excludedCauses() == null ? List.of()
                : e.excludedCauses().stream().map(String::strip).distinct().toList();
        return new Exclusions(windows, e.minimumNotice() == null ? Duration.ZERO : duration(e.minimumNotice()), causes);
    }

    /**
     * A window as written; {@code announcedAt} and {@code excludable} are filled in when a version
     * is written (see {@code MaintenanceNotice}), a missing zone then becomes the agreement's.
     */
    public static MaintenanceWindow toWindow(MaintenanceWindowInput w) {
        String rrule = strip(w.rrule());
        return new MaintenanceWindow(windowId(w), strip(w.title()), w.start(), duration(w.duration()),
                rrule == null || rrule.isEmpty() ? null : rrule, w.timeZone(), null, false);
    }

    private static Compensation toCompensation(CompensationInput c) {
        Currency currency = Currency.getInstance(c.currency());
        int scale = currency.getDefaultFractionDigits();
        // Amounts carry their currency's scale (1000 EUR -> 1000.00); validation guarantees no rounding.
        BigDecimal fee = c.monthlyFee().setScale(scale, RoundingMode.UNNECESSARY);
        BigDecimal minimum = c.minimumCredit() == null ? null : c.minimumCredit().setScale(scale, RoundingMode.UNNECESSARY);
        List<CreditTier> tiers = c.tiers().stream()
                .map(t -> new CreditTier(plain(t.belowPercent()), plain(t.creditPercent())))
                .sorted(Comparator.comparing(CreditTier::belowPercent).reversed())
                .toList();
        boolean claimRequired = Boolean.TRUE.equals(c.claimRequired());
        Integer claimWindow = !claimRequired ? null
                : c.claimWindowDays() != null ? c.claimWindowDays() : Compensation.DEFAULT_CLAIM_WINDOW_DAYS;
        return new Compensation(fee, currency.getCurrencyCode(), tiers,
                c.capPercent() != null ? plain(c.capPercent()) : DEFAULT_CAP_PERCENT, claimRequired, minimum,
                claimWindow, c.aggregation() == null ? CreditAggregation.HIGHEST : c.aggregation());
    }

    private static Responsibilities toResponsibilities(ResponsibilitiesInput r) {
        return r == null ? null : new Responsibilities(r.measuredBy(), r.reportedBy(), r.reporting(), r.customer());
    }

    /** A JSON number such as {@code 1e2} arrives with a negative scale; store it as {@code 100}. */
    private static BigDecimal plain(BigDecimal d) {
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    private static BigDecimal plainOrNull(BigDecimal d) {
        return d == null ? null : plain(d);
    }

    private static Duration duration(String text) {
        return Duration.parse(text.strip());
    }

    private static String normalDuration(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text.strip()).toString();
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    public AgreementResponse toResponse(Agreement a) {
        AgreementTerms t = a.terms();
        return new AgreementResponse(a.id(), a.version(), a.status(), t.name(), t.description(), t.tenant(),
                t.customerName(), t.provider(), t.service(), t.timeZone(), t.effectiveFrom(), t.effectiveTo(),
                t.objectives().stream().map(AgreementApiMapper::toView).toList(), toView(t.exclusions()),
                toView(t.compensation()), toView(t.responsibilities()), t.securityTerms(),
                a.createdAt(), a.createdBy(), a.updatedAt(), a.updatedBy());
    }

    public AgreementVersionPageResponse toResponse(AgreementVersionPage page) {
        return new AgreementVersionPageResponse(page.items().stream()
                .map(v -> new AgreementVersionResponse(v.version(), v.status(), v.createdAt(), v.createdBy()))
                .toList(), page.page(), page.size(), page.total());
    }

    public AgreementPageResponse toResponse(AgreementPage page) {
        return new AgreementPageResponse(page.items().stream().map(this::toResponse).toList(), page.page(),
                page.size(), page.total());
    }

    /** The windows of the agreement's version. */
    public MaintenanceWindowListResponse toWindowList(Agreement a) {
        Exclusions e = a.terms().exclusions();
        return new MaintenanceWindowListResponse(a.version(), text(e.minimumNotice(), Duration.ZERO),
                e.maintenanceWindows().stream().map(AgreementApiMapper::toView).toList());
    }

    public static MaintenanceWindowView toView(MaintenanceWindow w) {
        return new MaintenanceWindowView(w.windowId(), w.title(), w.start(), w.duration().toString(), w.rrule(),
                w.timeZone(), w.announcedAt(), w.excludable());
    }

    // Versions written before a field existed have it null: the views show the default in force.

    private static ObjectiveView toView(ObjectiveSpec o) {
        MetricSelector s = o.selector();
        return new ObjectiveView(o.objectiveId(), o.name(), o.description(), o.sliKind(),
                new SelectorView(s.source(), s.service(), s.metric(), s.labels()), o.comparison(), o.bound(),
                o.percentile(), o.slice() == null ? null : o.slice().toString(), o.target(), o.period(),
                o.window().toString(), o.threshold(), o.effectiveHoldTime().toString(),
                o.burnRateRules().stream().map(r -> new BurnRateRuleView(r.name(), r.factor(),
                        r.longWindow().toString(), r.shortWindow().toString(), r.severity())).toList(),
                o.effectiveNoData(), o.effectiveNoDataAfter().toString());
    }

    private static ExclusionsView toView(Exclusions e) {
        return new ExclusionsView(e.maintenanceWindows().stream().map(AgreementApiMapper::toView).toList(),
                text(e.minimumNotice(), Duration.ZERO), e.excludedCauses());
    }

    private static CompensationView toView(Compensation c) {
        return new CompensationView(c.monthlyFee(), c.currency(),
                c.tiers().stream().map(t -> new CreditTierView(t.belowPercent(), t.creditPercent())).toList(),
                c.capPercent(), c.claimRequired(), c.minimumCredit(),
                c.claimRequired() ? c.effectiveClaimWindowDays() : null, c.effectiveAggregation());
    }

    private static ResponsibilitiesView toView(Responsibilities r) {
        return r == null ? null : new ResponsibilitiesView(r.measuredBy(), r.reportedBy(), r.reporting(), r.customer());
    }

    private static String text(Duration d, Duration fallback) {
        return (d == null ? fallback : d).toString();
    }
}
