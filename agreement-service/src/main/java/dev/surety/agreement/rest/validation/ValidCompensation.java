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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;

/**
 * Rules across the credit schedule:
 * <ul>
 *   <li>the fee and the minimum credit have no more decimals than their currency's minor unit
 *       (JPY 0, EUR 2, BHD 3);</li>
 *   <li>no two tiers share a bound (which one would apply would be ambiguous), and ordered from the
 *       highest bound down, each lower bound earns a strictly larger credit (a worse attainment can
 *       never earn less): reported on the {@code creditPercent} of the tier with the lower bound;</li>
 *   <li>a claim window only with {@code claimRequired} (an automatic credit has nothing to claim).</li>
 * </ul>
 * Tiers may be listed in any order; they are stored from the highest bound down.
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
            Errors errors = new Errors(context);
            Currency currency = Values.currency(c.currency()).orElse(null);
            if (currency != null) {
                checkScale(errors, "monthlyFee", c.monthlyFee(), currency);
                checkScale(errors, "minimumCredit", c.minimumCredit(), currency);
            }
            if (c.claimWindowDays() != null && !Boolean.TRUE.equals(c.claimRequired())) {
                errors.add("claimWindowDays", "only applies when claimRequired is true");
            }
            List<CreditTierInput> tiers = c.tiers() == null ? List.of() : c.tiers();
            List<Integer> usable = new ArrayList<>();
            for (int i = 0; i < tiers.size(); i++) {
                BigDecimal bound = tiers.get(i) == null ? null : tiers.get(i).belowPercent();
                if (bound == null) {
                    continue;
                }
                boolean duplicate = false;
                for (int j = 0; j < i; j++) {
                    CreditTierInput earlier = tiers.get(j);
                    if (earlier != null && earlier.belowPercent() != null
                            && earlier.belowPercent().compareTo(bound) == 0) {
                        duplicate = true;
                        errors.addInList("tiers", i, "belowPercent",
                                "must differ from every other tier's belowPercent (same as tiers[" + j + "])");
                        break;
                    }
                }
                if (!duplicate && tiers.get(i).creditPercent() != null) {
                    usable.add(i);
                }
            }
            usable.sort(Comparator.comparing((Integer i) -> tiers.get(i).belowPercent()).reversed());
            for (int k = 1; k < usable.size(); k++) {
                CreditTierInput higher = tiers.get(usable.get(k - 1));
                CreditTierInput lower = tiers.get(usable.get(k));
                if (lower.creditPercent().compareTo(higher.creditPercent()) <= 0) {
                    errors.addInList("tiers", usable.get(k), "creditPercent",
                            "must be greater than the creditPercent of tiers[" + usable.get(k - 1)
                                    + "], whose belowPercent is higher: a lower attainment earns a larger credit");
                }
            }
            return errors.none();
        }

        private static void checkScale(Errors errors, String field, BigDecimal amount, Currency currency) {
            if (amount != null && amount.stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
                errors.add(field, "must have at most " + currency.getDefaultFractionDigits() + " decimal places for "
                        + currency.getCurrencyCode());
            }
        }
    }
}
