package dev.surety.events;

/** Lifecycle of an agreement. */
public enum AgreementStatus {
    DRAFT, ACTIVE, SUSPENDED, TERMINATED
}
