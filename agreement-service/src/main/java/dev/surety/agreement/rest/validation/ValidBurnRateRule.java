package dev.surety.agreement.rest.validation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.surety.agreement.rest.AgreementRequest.BurnRateRuleInput;
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
 * A burn-rate rule's short window is shorter than its long window (the short window only makes
 * the alert reset quickly). Reported on {@code shortWindow}.
 */
@Documented
@Retention(RUNTIME)
@Target(TYPE)
@Constraint(validatedBy = ValidBurnRateRule.Validator.class)
public @interface ValidBurnRateRule {

    String message() default "must be shorter than longWindow";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidBurnRateRule, BurnRateRuleInput> {
        @Override
        public boolean isValid(BurnRateRuleInput r, ConstraintValidatorContext context) {
            if (r == null) {
                return true;
            }
            Optional<Duration> longWindow = Values.duration(r.longWindow());
            Optional<Duration> shortWindow = Values.duration(r.shortWindow());
            if (longWindow.isEmpty() || shortWindow.isEmpty() || shortWindow.get().compareTo(longWindow.get()) < 0) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("shortWindow").addConstraintViolation();
            return false;
        }
    }
}
