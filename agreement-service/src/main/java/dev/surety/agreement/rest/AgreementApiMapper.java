package dev.surety.agreement.rest;

import dev.surety.agreement.Agreement;
import dev.surety.agreement.AgreementPage;
import dev.surety.agreement.AgreementTerms;
import dev.surety.agreement.AgreementVersionPage;
import dev.surety.agreement.rest.AgreementRequest.CompensationInput;
import dev.surety.agreement.rest.AgreementRequest.CreditTierInput;
import dev.surety.agreement.rest.AgreementRequest.ObjectiveInput;
import dev.surety.agreement.rest.AgreementResponse.CompensationView;
import dev.surety.agreement.rest.AgreementResponse.CreditTierView;
import dev.surety.agreement.rest.AgreementResponse.ObjectiveView;
import dev.surety.agreement.rest.AgreementResponse.SelectorView;
import dev.surety.events.Compensation;
import dev.surety.events.CreditTier;
import dev.surety.events.MetricSelector;
import dev.surety.events.ObjectiveSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

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

    public AgreementTerms toTerms(AgreementRequest r) {
        List<ObjectiveSpec> objectives = new ArrayList<>(r.objectives().size());
        for (int i = 0; i < r.objectives().size(); i++) {
            objectives.add(toSpec(r.objectives().get(i), i));
        }
        return new AgreementTerms(r.name().strip(), r.description(), r.customer().strip(), r.provider().strip(),
                r.service().strip(), r.timeZone() != null ? r.timeZone() : DEFAULT_TIME_ZONE, r.effectiveFrom(),
                r.effectiveTo(), objectives, toCompensation(r.compensation()));
    }

    private static ObjectiveSpec toSpec(ObjectiveInput o, int index) {
        var s = o.selector();
        return new ObjectiveSpec(objectiveId(o, index), o.name().strip(), o.sliKind(),
                new MetricSelector(s.source(), s.service(), s.metric(), s.labels()),
                plain(o.target()), period(o.period()), Duration.parse(o.window().strip()), plain(o.threshold()),
                o.holdTime() == null ? Duration.ZERO : Duration.parse(o.holdTime().strip()));
    }

    /** {@code CALENDAR_MONTH}, or the duration as written (trimmed, upper case), e.g. {@code P30D}. */
    private static String period(String period) {
        return ObjectiveSpec.CALENDAR_MONTH.equals(period) ? period : period.strip().toUpperCase(Locale.ROOT);
    }

    private static Compensation toCompensation(CompensationInput c) {
        Currency currency = Currency.getInstance(c.currency());
        // The fee carries its currency's scale (1000 EUR -> 1000.00); validation guarantees no rounding.
        BigDecimal fee = c.monthlyFee().setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
        List<CreditTier> tiers = c.tiers().stream()
                .map(t -> new CreditTier(plain(t.belowPercent()), plain(t.creditPercent())))
                .sorted(Comparator.comparing(CreditTier::belowPercent).reversed())
                .toList();
        return new Compensation(fee, currency.getCurrencyCode(), tiers,
                c.capPercent() != null ? plain(c.capPercent()) : DEFAULT_CAP_PERCENT,
                Boolean.TRUE.equals(c.claimRequired()));
    }

    /** A JSON number such as {@code 1e2} arrives with a negative scale; store it as {@code 100}. */
    private static BigDecimal plain(BigDecimal d) {
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    public AgreementResponse toResponse(Agreement a) {
        AgreementTerms t = a.terms();
        return new AgreementResponse(a.id(), a.version(), a.status(), t.name(), t.description(), t.tenant(),
                t.provider(), t.service(), t.timeZone(), t.effectiveFrom(), t.effectiveTo(),
                t.objectives().stream().map(AgreementApiMapper::toView).toList(), toView(t.compensation()),
                a.createdAt(), a.createdBy(), a.updatedAt());
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

    private static ObjectiveView toView(ObjectiveSpec o) {
        MetricSelector s = o.selector();
        return new ObjectiveView(o.objectiveId(), o.name(), o.sliKind(),
                new SelectorView(s.source(), s.service(), s.metric(), s.labels()), o.target(), o.period(),
                o.window().toString(), o.threshold(), o.holdTime().toString());
    }

    private static CompensationView toView(Compensation c) {
        return new CompensationView(c.monthlyFee(), c.currency(),
                c.tiers().stream().map(t -> new CreditTierView(t.belowPercent(), t.creditPercent())).toList(),
                c.capPercent(), c.claimRequired());
    }
}
