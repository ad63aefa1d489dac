package dev.surety.ingest.messaging;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.Measurement;
import dev.surety.ingest.service.IngestOutcome;
import dev.surety.ingest.service.MeasurementRouter;
import dev.surety.ingest.service.Rejection;
import dev.surety.ingest.service.RejectionCategory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Turns one raw record into measurements, or forwards the record untouched to the dead-letter
 * sink. All or nothing per record: nothing is forwarded to measurements until every sample has
 * passed. No exception leaves {@link #process}, so bad input never stops the stream.
 */
final class RawMetricProcessor implements Processor<byte[], byte[], Object, byte[]> {

    private static final Logger LOG = Logger.getLogger(RawMetricProcessor.class);

    private final String storeName;
    private final MeasurementRouter router;
    private final IngestListener listener;
    private ProcessorContext<Object, byte[]> context;
    private KeyValueStore<String, AgreementSnapshot> agreements;

    RawMetricProcessor(String storeName, MeasurementRouter router, IngestListener listener) {
        this.storeName = storeName;
        this.router = router;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<Object, byte[]> context) {
        this.context = context;
        this.agreements = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        listener.received();
        String origin = origin();
        IngestOutcome outcome;
        try {
            String ceType = CloudEvents.header(record.headers(), CloudEvents.H_TYPE);
            // The wall clock of the stream (mock time under TopologyTestDriver) judges future timestamps.
            Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
            String tenant = CloudEvents.header(record.headers(), IngestTopology.H_TENANT);
            outcome = router.route(ceType, tenant, record.value(), origin, now, this::allAgreements);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not route raw record %s; dead-lettering it", origin);
            outcome = new IngestOutcome.Rejected(new Rejection(RejectionCategory.PROCESSING_ERROR,
                    "internal error while routing; see the measurement-ingest log for " + origin));
        }
        if (outcome instanceof IngestOutcome.Rejected rejected) {
            deadLetter(record, origin, rejected.rejection());
        } else if (outcome instanceof IngestOutcome.Routed routed) {
            for (Measurement m : routed.measurements()) {
                emit(m);
            }
            listener.produced(routed.measurements().size());
            if (routed.unmatched() > 0) {
                LOG.debugf("%d sample(s) of %s matched no agreement in force", routed.unmatched(), origin);
                listener.unmatched(routed.unmatched());
            }
        }
    }

    private List<AgreementSnapshot> allAgreements() {
        List<AgreementSnapshot> all = new ArrayList<>();
        try (KeyValueIterator<String, AgreementSnapshot> it = agreements.all()) {
            it.forEachRemaining(kv -> all.add(kv.value));
        }
        return all;
    }

    private void emit(Measurement m) {
        String key = Measurement.key(m.agreementId(), m.objectiveId());
        Headers headers = new RecordHeaders();
        CloudEvents.write(headers, EventType.MEASUREMENT, m.id(), IngestTopology.CE_SOURCE, m.timestamp(), key);
        // Event time travels on: the output record's timestamp is the sample's.
        context.forward(new Record<Object, byte[]>(key, EventCodec.encode(m), m.timestamp().toEpochMilli(), headers),
                IngestTopology.MEASUREMENTS_SINK);
    }

    private void deadLetter(Record<byte[], byte[]> record, String origin, Rejection rejection) {
        LOG.debugf("Dead-lettering %s (%s): %s", origin, rejection.category().tag(), rejection.reason());
        // A copy: the input headers object is shared with any other child of this record.
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(IngestTopology.H_DLQ_REASON, rejection.reason().getBytes(StandardCharsets.UTF_8));
        headers.add(IngestTopology.H_DLQ_CATEGORY, rejection.category().tag().getBytes(StandardCharsets.UTF_8));
        headers.add(IngestTopology.H_DLQ_SOURCE, origin.getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<Object, byte[]>(record.key(), record.value(), record.timestamp(), headers),
                IngestTopology.DLQ_SINK);
        listener.deadLettered(rejection.category());
    }

    private String origin() {
        return context.recordMetadata()
                .map(RawMetricProcessor::origin)
                .orElse("unknown");
    }

    private static String origin(RecordMetadata md) {
        return md.topic() + "/" + md.partition() + "@" + md.offset();
    }
}
