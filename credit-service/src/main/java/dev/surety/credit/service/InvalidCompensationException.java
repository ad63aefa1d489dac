package dev.surety.credit.service;

/** An agreement's compensation schedule cannot be applied as written (a data error, not a transient one). */
public class InvalidCompensationException extends RuntimeException {

    public InvalidCompensationException(String message) {
        super(message);
    }
}
