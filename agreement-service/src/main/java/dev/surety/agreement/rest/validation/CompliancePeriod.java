package dev.surety.agreement.rest.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.surety.events.ObjectiveSpec;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A compliance period: {@code CALENDAR_MONTH} or a positive ISO-8601 duration. Null is valid. */
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Constraint(validatedBy = CompliancePeriod.Validator.class)
public @interface CompliancePeriod {

    String message() default "must be CALENDAR_MONTH or a positive ISO-8601 duration such as P30D";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<CompliancePeriod, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || ObjectiveSpec.CALENDAR_MONTH.equals(value)
                    || Values.periodDuration(value).filter(d -> !d.isNegative() && !d.isZero()).isPresent();
        }
    }
}
