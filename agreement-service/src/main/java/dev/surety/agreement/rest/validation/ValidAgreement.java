package dev.surety.agreement.rest.validation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.surety.agreement.rest.AgreementApiMapper;
import dev.surety.agreement.rest.AgreementRequest;
import dev.surety.agreement.rest.AgreementRequest.MaintenanceWindowInput;
import dev.surety.agreement.rest.AgreementRequest.ObjectiveInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules across the whole agreement: it ends after it starts (now, when no start is given), and
 * objective ids and maintenance window ids, including the defaulted ones, are unique.
 */
@Documented
@Retention(RUNTIME)
@Target(TYPE)
@Constraint(validatedBy = ValidAgreement.Validator.class)
public @interface ValidAgreement {

    String message() default "inconsistent agreement";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** A bean, so that it reads time from the service's clock. */
    @ApplicationScoped
    class Validator implements ConstraintValidator<ValidAgreement, AgreementRequest> {

        private final Clock clock;

        public Validator(Clock clock) {
            this.clock = clock;
        }

        @Override
        public boolean isValid(AgreementRequest a, ConstraintValidatorContext context) {
            if (a == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            Instant from = a.effectiveFrom() != null ? a.effectiveFrom() : clock.instant();
            if (a.effectiveTo() != null && !a.effectiveTo().isAfter(from)) {
                valid = false;
                context.buildConstraintViolationWithTemplate(a.effectiveFrom() != null
                                ? "must be after effectiveFrom" : "must be in the future (effectiveFrom defaults to now)")
                        .addPropertyNode("effectiveTo").addConstraintViolation();
            }
            List<ObjectiveInput> objectives = a.objectives() == null ? List.of() : a.objectives();
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < objectives.size(); i++) {
                if (objectives.get(i) == null) {
                    continue;
                }
                String id = AgreementApiMapper.objectiveId(objectives.get(i), i);
                Integer first = seen.putIfAbsent(id, i);
                if (first != null) {
                    valid = false;
                    // The id stays out of the message: message templates interpret expressions.
                    context.buildConstraintViolationWithTemplate(
                                    "must be unique in the agreement (same as objectives[" + first + "])")
                            .addPropertyNode("objectives").addPropertyNode("id").inIterable().atIndex(i)
                            .addConstraintViolation();
                }
            }
            List<MaintenanceWindowInput> windows = a.exclusions() == null || a.exclusions().maintenanceWindows() == null
                    ? List.of() : a.exclusions().maintenanceWindows();
            Map<String, Integer> seenWindows = new HashMap<>();
            for (int i = 0; i < windows.size(); i++) {
                MaintenanceWindowInput w = windows.get(i);
                if (w == null || (w.windowId() == null && (w.start() == null || w.duration() == null))) {
                    continue;
                }
                Integer first = seenWindows.putIfAbsent(AgreementApiMapper.windowId(w), i);
                if (first != null) {
                    valid = false;
                    context.buildConstraintViolationWithTemplate(w.windowId() != null
                                    ? "must be unique in the agreement (same as exclusions.maintenanceWindows[" + first + "])"
                                    : "must be unique in the agreement: this window repeats"
                                    + " exclusions.maintenanceWindows[" + first + "]; give it an explicit windowId")
                            .addPropertyNode("exclusions").addPropertyNode("maintenanceWindows")
                            .addPropertyNode("windowId").inIterable().atIndex(i)
                            .addConstraintViolation();
                }
            }
            return valid;
        }
    }
}
