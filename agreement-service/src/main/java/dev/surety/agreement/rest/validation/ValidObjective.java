package dev.surety.agreement.rest.validation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.surety.agreement.rest.AgreementRequest.BurnRateRuleInput;
import dev.surety.agreement.rest.AgreementRequest.ObjectiveInput;
import dev.surety.events.SliKind;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Rules across an objective's fields, each reported on the field that has to change:
 * <ul>
 *   <li>the breach {@code window}, the {@code slice} and every burn-rate window are shorter than the
 *       period (a window spanning whole periods could never tell one period from the next); a
 *       {@code CALENDAR_MONTH} counts as 28 days, its shortest length;</li>
 *   <li>THRESHOLD, PERCENTILE and TIME_SLICE need {@code comparison} and {@code bound}; RATIO refuses
 *       them (good/total events have no bound, and a silently ignored bound would mislead);</li>
 *   <li>PERCENTILE needs {@code percentile} and refuses {@code threshold} (its breach rule is the
 *       window's percentile missing the bound); every other kind needs {@code threshold} and
 *       refuses {@code percentile};</li>
 *   <li>{@code slice} only for TIME_SLICE and PERCENTILE.</li>
 * </ul>
 */
@Documented
@Retention(RUNTIME)
@Target(TYPE)
@Constraint(validatedBy = ValidObjective.Validator.class)
public @interface ValidObjective {

    String message() default "inconsistent objective";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidObjective, ObjectiveInput> {
        @Override
        public boolean isValid(ObjectiveInput o, ConstraintValidatorContext context) {
            if (o == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            Errors errors = new Errors(context);
            // Unreadable values are reported by their own field constraints.
            Optional<Duration> period = Values.shortestPeriod(o.period());
            if (period.isPresent()) {
                String shorter = "must be shorter than " + Values.periodName(o.period());
                if (longerOrEqual(o.window(), period.get())) {
                    errors.add("window", shorter);
                }
                if (longerOrEqual(o.slice(), period.get())) {
                    errors.add("slice", shorter);
                }
                List<BurnRateRuleInput> rules = o.burnRateRules() == null ? List.of() : o.burnRateRules();
                for (int i = 0; i < rules.size(); i++) {
                    BurnRateRuleInput r = rules.get(i);
                    if (r != null && longerOrEqual(r.longWindow(), period.get())) {
                        errors.addInList("burnRateRules", i, "longWindow", shorter);
                    }
                    if (r != null && longerOrEqual(r.shortWindow(), period.get())) {
                        errors.addInList("burnRateRules", i, "shortWindow", shorter);
                    }
                }
            }
            SliKind kind = o.sliKind();
            if (kind != null) {
                if (kind == SliKind.RATIO) {
                    if (o.comparison() != null) {
                        errors.add("comparison", "must not be given for RATIO objectives (good/total events have no"
                                + " bound; use THRESHOLD, PERCENTILE or TIME_SLICE)");
                    }
                    if (o.bound() != null) {
                        errors.add("bound", "must not be given for RATIO objectives (good/total events have no"
                                + " bound; use THRESHOLD, PERCENTILE or TIME_SLICE)");
                    }
                } else {
                    if (o.comparison() == null) {
                        errors.add("comparison", "is required for " + kind + " objectives (one of LT, LE, GT, GE, EQ)");
                    }
                    if (o.bound() == null) {
                        errors.add("bound", "is required for " + kind + " objectives");
                    }
                }
                if (kind == SliKind.PERCENTILE) {
                    if (o.percentile() == null) {
                        errors.add("percentile", "is required for PERCENTILE objectives (e.g. 95)");
                    }
                    if (o.threshold() != null) {
                        errors.add("threshold", "must not be given for PERCENTILE objectives (the breach rule is"
                                + " the window's percentile missing the bound)");
                    }
                } else {
                    if (o.percentile() != null) {
                        errors.add("percentile", "is only for PERCENTILE objectives");
                    }
                    if (o.threshold() == null) {
                        errors.add("threshold", "is required for " + kind + " objectives");
                    }
                }
                if ((kind == SliKind.RATIO || kind == SliKind.THRESHOLD) && o.slice() != null) {
                    errors.add("slice", "is only for TIME_SLICE and PERCENTILE objectives");
                }
            }
            return errors.none();
        }

        private static boolean longerOrEqual(String duration, Duration limit) {
            return Values.duration(duration).filter(d -> d.compareTo(limit) >= 0).isPresent();
        }
    }
}
