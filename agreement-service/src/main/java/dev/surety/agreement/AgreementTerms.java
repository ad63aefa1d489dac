package dev.surety.agreement;

import dev.surety.events.Compensation;
import dev.surety.events.Exclusions;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.Responsibilities;
import java.time.Instant;
import java.util.List;

/**
 * What one version of an agreement says: everything a provider writes down, nothing the system
 * adds (except when each maintenance window was announced). Stored verbatim (as JSON, with the
 * event codec) in the version row, so a version never changes once written. Documents written
 * before a field existed decode with that field null, and the defaults below apply.
 *
 * @param tenant           the customer the agreement is made with (tenant id)
 * @param customerName     the customer's display name, or null
 * @param effectiveFrom    start of the agreement; compliance periods given as durations align to it
 * @param effectiveTo      end of the agreement, or null when open-ended
 * @param timeZone         IANA zone in which calendar months are counted
 * @param exclusions       maintenance windows and excluded causes (never null)
 * @param responsibilities who measures and reports, and what the customer must do; may be null
 * @param securityTerms    free-text security terms; may be null
 */
public record AgreementTerms(
        String name,
        String description,
        String tenant,
        String customerName,
        String provider,
        String service,
        String timeZone,
        Instant effectiveFrom,
        Instant effectiveTo,
        List<ObjectiveSpec> objectives,
        Exclusions exclusions,
        Compensation compensation,
        Responsibilities responsibilities,
        String securityTerms) {

    public AgreementTerms {
        objectives = objectives == null ? List.of() : List.copyOf(objectives);
        exclusions = exclusions == null ? Exclusions.NONE : exclusions;
    }

    /** The same terms starting at {@code from}. */
    public AgreementTerms withEffectiveFrom(Instant from) {
        return new AgreementTerms(name, description, tenant, customerName, provider, service, timeZone, from,
                effectiveTo, objectives, exclusions, compensation, responsibilities, securityTerms);
    }

    /** The same terms with other exclusions. */
    public AgreementTerms withExclusions(Exclusions other) {
        return new AgreementTerms(name, description, tenant, customerName, provider, service, timeZone, effectiveFrom,
                effectiveTo, objectives, other, compensation, responsibilities, securityTerms);
    }
}
