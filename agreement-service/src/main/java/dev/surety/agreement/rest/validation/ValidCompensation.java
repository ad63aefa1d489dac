package dev.surety.agreement.rest.validation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.surety.agreement.rest.AgreementRequest.CompensationInput;
import dev.surety.agreement.rest.AgreementRequest.CreditTierInput;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/**
 * Rules across the credit schedule: the fee has no more decimals than its currency's minor unit,
 * and no two tiers share a bound (which one would apply would be ambiguous).
 */
@Documented
@Retention(RUNTIME)
@Target(TYPE)
@Constraint(validatedBy = ValidCompensation.Validator.class)
public @interface ValidCompensation {

    String message() default "inconsistent compensation";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidCompensation, CompensationInput> {
        @Override
        public boolean isValid(CompensationInput c, ConstraintValidatorContext context) {
            if (c == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            Currency currency = Values.currency(c.currency()).orElse(null);
            if (currency != null && c.monthlyFee() != null
                    && c.monthlyFee().stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
                valid = false;
                context.buildConstraintViolationWithTemplate("must have at most "
                                + currency.getDefaultFractionDigits() + " decimal places for " + currency.getCurrencyCode())
                        .addPropertyNode("monthlyFee").addConstraintViolation();
            }
            List<CreditTierInput> tiers = c.tiers() == null ? List.of() : c.tiers();
            for (int i = 0; i < tiers.size(); i++) {
                BigDecimal bound = tiers.get(i) == null ? null : tiers.get(i).belowPercent();
                if (bound == null) {
                    continue;
                }
                for (int j = 0; j < i; j++) {
                    CreditTierInput earlier = tiers.get(j);
                    if (earlier != null && earlier.belowPercent() != null
                            && earlier.belowPercent().compareTo(bound) == 0) {
                        valid = false;
                        context.buildConstraintViolationWithTemplate(
                                        "must differ from every other tier's belowPercent (same as tiers[" + j + "])")
                                .addPropertyNode("tiers").addPropertyNode("belowPercent").inIterable().atIndex(i)
                                .addConstraintViolation();
                        break;
                    }
                }
            }
            return valid;
        }
    }
}
