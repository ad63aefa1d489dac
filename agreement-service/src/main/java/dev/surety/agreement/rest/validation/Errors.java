package dev.surety.agreement.rest.validation;

import jakarta.validation.ConstraintValidatorContext;

/** Collects violations of a class-level rule on the fields they concern. */
final class Errors {

    private final ConstraintValidatorContext context;
    private boolean any;

    Errors(ConstraintValidatorContext context) {
        this.context = context;
    }

    /** A violation on {@code field} of the validated object; {@code message} is taken literally. */
    void add(String field, String message) {
        any = true;
        context.buildConstraintViolationWithTemplate(Values.literal(message))
                .addPropertyNode(field).addConstraintViolation();
    }

    /** A violation on {@code list[index].field} of the validated object. */
    void addInList(String list, int index, String field, String message) {
        any = true;
        context.buildConstraintViolationWithTemplate(Values.literal(message))
                .addPropertyNode(list).addPropertyNode(field).inIterable().atIndex(index)
                .addConstraintViolation();
    }

    boolean none() {
        return !any;
    }
}
