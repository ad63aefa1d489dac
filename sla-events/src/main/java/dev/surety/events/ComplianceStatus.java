package dev.surety.events;

/** Whether a compliance record may still change. */
public enum ComplianceStatus {
    PROVISIONAL, FINAL
}
