package dev.surety.agreement.rest.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

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
 * An ISO-8601 duration ({@code PT5M}, {@code P1D}) that is positive, or not negative when
 * {@link #allowZero()}. Null is valid.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Constraint(validatedBy = IsoDuration.Validator.class)
public @interface IsoDuration {

    String message() default "";

    /** Whether {@code PT0S} is acceptable. */
    boolean allowZero() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<IsoDuration, String> {
        private boolean allowZero;

        @Override
        public void initialize(IsoDuration annotation) {
            allowZero = annotation.allowZero();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            Optional<Duration> d = Values.duration(value);
            boolean ok = d.isPresent() && !d.get().isNegative() && (allowZero || !d.get().isZero());
            if (!ok) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(d.isEmpty()
                                ? "must be an ISO-8601 duration such as PT5M"
                                : allowZero ? "must not be negative" : "must be longer than zero")
                        .addConstraintViolation();
            }
            return ok;
        }
    }
}
