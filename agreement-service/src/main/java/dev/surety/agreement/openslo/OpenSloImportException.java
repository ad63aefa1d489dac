package dev.surety.agreement.openslo;

import java.util.List;

/** Refuses an OpenSLO import with every problem found, not just the first (the REST layer answers 422). */
public final class OpenSloImportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ImportError> errors;

    public OpenSloImportException(List<ImportError> errors) {
        super(errors.size() + " problem(s) in the OpenSLO documents, first: "
                + (errors.isEmpty() ? "none" : errors.get(0).path() + ": " + errors.get(0).message()));
        this.errors = List.copyOf(errors);
    }

    /** Every problem, in document order. */
    public List<ImportError> errors() {
        return errors;
    }
}
