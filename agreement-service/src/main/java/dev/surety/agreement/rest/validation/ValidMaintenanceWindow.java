package dev.surety.agreement.rest.validation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.surety.agreement.rest.AgreementRequest.MaintenanceWindowInput;
import dev.surety.events.Recurrence;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A recurring window's rule is one Surety understands ({@link Recurrence#parse}; its reason is
 * the message), it produces at least one occurrence from {@code start} on, and each occurrence
 * ends before the next period of the rule begins ({@code duration} shorter than FREQ x INTERVAL,
 * a month counted as 28 days and a year as 365). A window without its own zone is checked in UTC
 * here; the zone only matters for an UNTIL date that falls on the first occurrence's day.
 */
@Documented
@Retention(RUNTIME)
@Target(TYPE)
@Constraint(validatedBy = ValidMaintenanceWindow.Validator.class)
public @interface ValidMaintenanceWindow {

    String message() default "inconsistent maintenance window";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidMaintenanceWindow, MaintenanceWindowInput> {
        @Override
        public boolean isValid(MaintenanceWindowInput w, ConstraintValidatorContext context) {
            if (w == null || w.rrule() == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            Errors errors = new Errors(context);
            Recurrence rule;
            try {
                rule = Recurrence.parse(w.rrule());
            } catch (IllegalArgumentException e) {
                errors.add("rrule", "is not a supported RRULE: " + e.getMessage());
                return false;
            }
            ZoneId zone = w.timeZone() != null && ZoneId.getAvailableZoneIds().contains(w.timeZone())
                    ? ZoneId.of(w.timeZone()) : ZoneOffset.UTC;
            if (w.start() != null && !rule.producesAny(w.start().atZone(zone))) {
                errors.add("rrule", "produces no occurrence from start on (check COUNT, UNTIL and the BY parts)");
            }
            Duration interval = switch (rule.frequency()) {
                case DAILY -> Duration.ofDays(rule.interval());
                case WEEKLY -> Duration.ofDays(7L * rule.interval());
                case MONTHLY -> Duration.ofDays(28L * rule.interval());
                case YEARLY -> Duration.ofDays(365L * rule.interval());
            };
            Optional<Duration> duration = Values.duration(w.duration());
            if (duration.isPresent() && duration.get().compareTo(interval) >= 0) {
                errors.add("duration", "must be shorter than the recurrence interval (" + interval + " for FREQ="
                        + rule.frequency() + (rule.interval() > 1 ? ";INTERVAL=" + rule.interval() : "") + ")");
            }
            return errors.none();
        }
    }
}
