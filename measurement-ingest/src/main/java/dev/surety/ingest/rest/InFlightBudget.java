package dev.surety.ingest.rest;

import dev.surety.ingest.config.IngestConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the requests (and their bytes) waiting for the broker at once, so that a slow broker pushes back on agents
 * with 429/503 and Retry-After instead of piling up request threads and memory until samples are lost.
 */
@ApplicationScoped
public class InFlightBudget {

    private final Semaphore requests;
    private final long maxBytes;
    private final AtomicLong bytes = new AtomicLong();

    public InFlightBudget(IngestConfig config, MeterRegistry registry) {
        int maxRequests = config.http().maxInFlightRequests();
        this.requests = new Semaphore(maxRequests);
        this.maxBytes = config.http().maxInFlightBytes().asLongValue();
        Gauge.builder("surety.metrics.http.inflight", requests, s -> maxRequests - s.availablePermits())
                .description("HTTP ingestion requests waiting for the broker's acknowledgement")
                .register(registry);
    }

    /** A claim on the budget, to be closed when the request is answered; null when the budget is spent. */
    public Permit tryAcquire(long size) {
        if (!requests.tryAcquire()) {
            return null;
        }
        long after = bytes.addAndGet(size);
        // A single body larger than the whole byte budget is still let through when nothing else is in flight.
        if (after > maxBytes && after != size) {
            bytes.addAndGet(-size);
            requests.release();
            return null;
        }
        return new Permit(size);
    }

    /** Held while one request waits for the broker. */
    public final class Permit implements AutoCloseable {
        private final long size;
        private boolean closed;

        private Permit(long size) {
            this.size = size;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                bytes.addAndGet(-size);
                requests.release();
            }
        }
    }
}
