package dev.surety.agreement.rest;

/** A write that must name the version it is based on did not send If-Match: 428. */
class PreconditionRequiredException extends RuntimeException {

    PreconditionRequiredException() {
        super("If-Match required");
    }
}
