package dev.surety.ingest.service;

/** Why a raw record was dead-lettered, as a short tag value for metrics and a DLQ header. */
public enum RejectionCategory {
    /** The bytes cannot be read in the format they are in (or were recognised as). */
    UNPARSEABLE("unparseable"),
    /** JSON of the right shape, but at least one sample breaks a rule. */
    INVALID("invalid"),
    /** The {@code ce_type} or {@code content-type} header names a format this service does not read. */
    UNSUPPORTED_TYPE("unsupported-type"),
    /**
     * The record carries a {@code surety-tenant} header (it came through the HTTP endpoint) and a
     * sample matches an objective of another tenant's agreement.
     */
    TENANT_MISMATCH("tenant-mismatch"),
    /** The record is larger than surety.ingest.max-record-size. */
    TOO_LARGE("too-large"),
    /** A defect in this service; the record is parked rather than lost or allowed to stop the stream. */
    PROCESSING_ERROR("processing-error");

    private final String tag;

    RejectionCategory(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
