package dev.surety.agreement.rest.validation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.surety.agreement.rest.AgreementRequest.ObjectiveInput;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.Optional;

/**
 * Rules across an objective's fields: with a duration period, the breach window must be shorter
 * than the period (a window spanning whole periods could never tell one period from the next).
 * The violation is reported on {@code window}.
 */
@Documented
@Retention(RUNTIME)
@Target(TYPE)
@Constraint(validatedBy = ValidObjective.Validator.class)
public @interface ValidObjective {

    String message() default "must be shorter than the period";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidObjective, ObjectiveInput> {
        @Override
        public boolean isValid(ObjectiveInput o, ConstraintValidatorContext context) {
            if (o == null) {
                return true;
            }
            Optional<Duration> period = Values.periodDuration(o.period());
            Optional<Duration> window = Values.duration(o.window());
            // Unreadable values are reported by their own field constraints.
            if (period.isEmpty() || window.isEmpty() || window.get().compareTo(period.get()) < 0) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("window").addConstraintViolation();
            return false;
        }
    }
}
