package dev.surety.credit.service;

/** A customer asked for another tenant's statement: reported as not found, so nothing leaks. */
public class StatementNotFoundException extends RuntimeException {

    public StatementNotFoundException() {
        super("no such statement");
    }
}
