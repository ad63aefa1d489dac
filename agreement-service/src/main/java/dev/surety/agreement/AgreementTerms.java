package dev.surety.agreement;

import dev.surety.events.Compensation;
import dev.surety.events.ObjectiveSpec;
import java.time.Instant;
import java.util.List;

/**
 * What one version of an agreement says: everything a provider writes down, nothing the system
 * adds. Stored verbatim (as JSON) in the version row, so a version never changes once written.
 *
 * @param tenant        the customer the agreement is made with
 * @param effectiveFrom start of the agreement; compliance periods given as durations align to it
 * @param effectiveTo   end of the agreement, or null when open-ended
 * @param timeZone      IANA zone in which calendar months are counted
 */
public record AgreementTerms(
        String name,
        String description,
        String tenant,
        String provider,
        String service,
        String timeZone,
        Instant effectiveFrom,
        Instant effectiveTo,
        List<ObjectiveSpec> objectives,
        Compensation compensation) {

    public AgreementTerms {
        objectives = objectives == null ? List.of() : List.copyOf(objectives);
    }

    /** The same terms starting at {@code from}. */
    public AgreementTerms withEffectiveFrom(Instant from) {
        return new AgreementTerms(name, description, tenant, provider, service, timeZone, from, effectiveTo,
                objectives, compensation);
    }
}
