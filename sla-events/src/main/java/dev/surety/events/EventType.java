package dev.surety.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every event Surety exchanges: its CloudEvents {@code type}, the record carrying its data, and
 * the JSON Schema (under {@code /schemas/} on the classpath) describing that data.
 */
public enum EventType {
    AGREEMENT_SNAPSHOT("dev.surety.agreement.snapshot.v1", AgreementSnapshot.class),
    RAW_METRIC("dev.surety.metric.raw.v1", RawMetric.class),
    MEASUREMENT("dev.surety.measurement.v1", Measurement.class),
    BREACH_OPENED("dev.surety.breach.opened.v1", BreachOpened.class),
    BREACH_RESOLVED("dev.surety.breach.resolved.v1", BreachResolved.class),
    NO_DATA_STARTED("dev.surety.breach.nodata.started.v1", NoDataStarted.class),
    NO_DATA_ENDED("dev.surety.breach.nodata.ended.v1", NoDataEnded.class),
    COMPLIANCE("dev.surety.compliance.v1", ComplianceRecord.class),
    CREDIT_ISSUED("dev.surety.credit.issued.v1", CreditIssued.class),
    CREDIT_ADJUSTED("dev.surety.credit.adjusted.v1", CreditAdjusted.class);

    private final String ceType;
    private final Class<? extends Record> dataClass;

    EventType(String ceType, Class<? extends Record> dataClass) {
        this.ceType = ceType;
        this.dataClass = dataClass;
    }

    /** The CloudEvents {@code type} attribute. */
    public String ceType() {
        return ceType;
    }

    public Class<? extends Record> dataClass() {
        return dataClass;
    }

    /** Classpath location of the JSON Schema of this event's data. */
    public String schemaResource() {
        return "/schemas/" + dataClass.getSimpleName() + ".schema.json";
    }

    public static Optional<EventType> ofCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType.equals(ceType)).findFirst();
    }

    public static EventType of(Class<?> dataClass) {
        return Arrays.stream(values()).filter(t -> t.dataClass == dataClass).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an event: " + dataClass.getName()));
    }
}
