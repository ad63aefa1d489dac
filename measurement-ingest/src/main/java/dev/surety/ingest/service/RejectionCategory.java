package dev.surety.ingest.service;

/** Why a raw record was dead-lettered, as a short tag value for metrics and a DLQ header. */
public enum RejectionCategory {
    /** The bytes are not JSON, or not a JSON object or array. */
    UNPARSEABLE("unparseable"),
    /** JSON of the right shape, but at least one sample breaks a rule. */
    INVALID("invalid"),
    /** The {@code ce_type} header names an event type this topic does not carry. */
    UNSUPPORTED_TYPE("unsupported-type"),
    /**
     * The record carries a {@code surety-tenant} header (it came through the HTTP endpoint) and a
     * sample matches an objective of another tenant's agreement.
     */
    TENANT_MISMATCH("tenant-mismatch"),
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
