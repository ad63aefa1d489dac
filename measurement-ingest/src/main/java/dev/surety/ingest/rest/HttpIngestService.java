package dev.surety.ingest.rest;

import dev.surety.ingest.config.IngestConfig;
import dev.surety.ingest.format.CounterPoint;
import dev.surety.ingest.format.DecodeContext;
import dev.surety.ingest.format.Decoded;
import dev.surety.ingest.format.FormatSettings;
import dev.surety.ingest.format.PayloadDecoder;
import dev.surety.ingest.format.PayloadFormat;
import dev.surety.ingest.messaging.IngestTopology;
import dev.surety.ingest.messaging.RawMetricPublisher;
import dev.surety.ingest.messaging.TopologyProducer;
import dev.surety.ingest.metrics.HttpIngestMetrics;
import dev.surety.ingest.service.MeasurementRouter;
import dev.surety.ingest.service.RejectedException;
import dev.surety.ingest.service.RejectionCategory;
import dev.surety.ingest.service.Sample;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * What every ingestion endpoint does: check size, tenant and budget, read the body with the same decoder and
 * validator as the topology (all or nothing: one bad item refuses the request and nothing is published), write the
 * body unchanged as one record to the raw-metrics topic and answer only after the broker acknowledged it.
 * Format-specific work that needs state (collectd rates) is left to the topology, which reads the record like any
 * other.
 */
@ApplicationScoped
public class HttpIngestService {

    private static final Logger LOG = Logger.getLogger(HttpIngestService.class);
    static final String PROBLEM_BASE = "https://surety.dev/problems/";

    private final RawMetricPublisher publisher;
    private final HttpIngestMetrics metrics;
    private final IngestConfig config;
    private final InFlightBudget budget;
    private final MeasurementRouter router;
    private final FormatSettings formats;

    public HttpIngestService(RawMetricPublisher publisher, HttpIngestMetrics metrics, IngestConfig config,
                             InFlightBudget budget) {
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
        this.budget = budget;
        this.router = new MeasurementRouter(config.maxFutureSkew(), config.maxAge());
        this.formats = TopologyProducer.formats(config);
    }

    /** How one endpoint answers. */
    public enum Flavour {
        /** {@code POST /v1/metrics}: 202 with {@link Accepted}; budget exhausted → 429. */
        SURETY(202, 429),
        /** InfluxDB-compatible writes: 204 as InfluxDB answers; budget exhausted → 429 (Telegraf retries it). */
        INFLUX(204, 429),
        /** Prometheus remote write: 204; budget exhausted → 503, because Prometheus retries every 5xx. */
        REMOTE_WRITE(204, 503);

        final int success;
        final int busy;

        Flavour(int success, int busy) {
            this.success = success;
            this.busy = busy;
        }
    }

    /** Accepted: how many samples the agent's record carried, and the record's CloudEvents id. */
    public record Accepted(int accepted, String id) {
    }

    /**
     * @param contentType the request's Content-Type (decides the format; JSON is then sniffed for collectd)
     * @param precision   line-protocol timestamp precision, or null
     */
    public Response ingest(Flavour flavour, byte[] body, String contentType, String contentEncoding, String precision,
                           JsonWebToken jwt) {
        long limit = config.http().maxPayloadSize().asLongValue();
        if (flavour != Flavour.REMOTE_WRITE && contentEncoding != null && !contentEncoding.isBlank()
                && !contentEncoding.strip().equalsIgnoreCase("identity")) {
            if (!contentEncoding.strip().equalsIgnoreCase("gzip")) {
                metrics.rejected(HttpIngestMetrics.UNSUPPORTED);
                return problem(415, "unsupported-media-type", "Unsupported content encoding",
                        "Content-Encoding '" + contentEncoding + "' is not gzip or identity",
                        List.of(new Problem.FieldError("Content-Encoding", "must be gzip or identity")));
            }
            try {
                body = gunzip(body, limit);
            } catch (TooLarge e) {
                metrics.rejected(HttpIngestMetrics.TOO_LARGE);
                return problem(413, "payload-too-large", "Payload too large",
                        "the inflated body exceeds " + limit + " bytes", List.of());
            } catch (java.io.IOException e) {
                metrics.rejected(HttpIngestMetrics.UNPARSEABLE);
                return problem(400, "unparseable", "Unreadable payload", "not gzip: " + e.getMessage(),
                        List.of(new Problem.FieldError("$", "not gzip")));
            }
        }
        if (body != null && body.length > limit) {
            metrics.rejected(HttpIngestMetrics.TOO_LARGE);
            return problem(413, "payload-too-large", "Payload too large",
                    "the body has " + body.length + " bytes; at most " + limit + " are accepted", List.of());
        }
        String tenant = jwt.getClaim("tenant");
        if (tenant == null || tenant.isBlank()) {
            metrics.rejected(HttpIngestMetrics.NO_TENANT);
            return problem(403, "no-tenant", "Agent token without tenant",
                    "an agent token must carry a tenant claim", List.of());
        }
        String subject = jwt.getSubject() == null ? jwt.getName() : jwt.getSubject();
        Instant now = Instant.now();
        Checked checked = check(body, contentType, precision, subject, now);
        if (checked.problem != null) {
            return checked.problem;
        }
        try (InFlightBudget.Permit permit = budget.tryAcquire(body == null ? 0 : body.length)) {
            if (permit == null) {
                metrics.rejected(HttpIngestMetrics.BUSY);
                return retryLater(problem(flavour.busy, "busy", "Too many requests in flight",
                        "the in-flight budget of this instance is spent; nothing was published, retry later", List.of()));
            }
            String id = UUID.randomUUID().toString();
            Map<String, String> extra = new LinkedHashMap<>();
            if (checked.decoded.format() == PayloadFormat.INFLUX_LINE && precision != null && !precision.isEmpty()) {
                extra.put(IngestTopology.H_PRECISION, precision);
            }
            if (checked.decoded.format() == PayloadFormat.PROMETHEUS_REMOTE_WRITE) {
                extra.put("content-encoding", "snappy");
            }
            try {
                publisher.publish(tenant + "/" + checked.partitionKey, body, id, "/agents/" + subject, tenant, now,
                        checked.decoded.format(), extra);
            } catch (RawMetricPublisher.NotAcknowledgedException e) {
                LOG.warnf(e.getCause(), "Raw metric record %s of agent %s not acknowledged by the broker", id, subject);
                metrics.rejected(HttpIngestMetrics.NOT_ACKNOWLEDGED);
                return retryLater(problem(503, "not-acknowledged", "Not stored",
                        "the broker did not acknowledge the write in time; nothing is guaranteed stored, retry later",
                        List.of()));
            }
            int count = checked.decoded.samples().size() + checked.decoded.counters().size();
            metrics.accepted(count);
            if (flavour == Flavour.SURETY) {
                return Response.status(202).type(MediaType.APPLICATION_JSON).entity(new Accepted(count, id)).build();
            }
            return Response.noContent().build();
        }
    }

    private static final class TooLarge extends java.io.IOException {
        TooLarge() {
            super("too large", null);
        }
    }

    /** Inflates a gzip body, refusing to produce more than {@code limit} bytes (a small body may inflate hugely). */
    private static byte[] gunzip(byte[] body, long limit) throws java.io.IOException {
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(body == null ? new byte[0] : body))) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > limit) {
                    throw new TooLarge();
                }
            }
            return out.toByteArray();
        }
    }

    private record Checked(Decoded decoded, String partitionKey, Response problem) {
    }

    /** Decodes and validates; a problem response when anything is wrong. Package-private for the corpus test. */
    Checked check(byte[] body, String contentType, String precision, String subject, Instant now) {
        Decoded decoded;
        try {
            if (precision != null && !precision.isEmpty()) {
                dev.surety.ingest.format.InfluxLineParser.unitNanos(precision);
            }
            decoded = PayloadDecoder.decode(null, contentType, body,
                    new DecodeContext(precision, subject, now, formats));
        } catch (RejectedException e) {
            return new Checked(null, null, refused(e.rejection().category(), e.rejection().reason()));
        }
        List<Sample> all = new ArrayList<>(decoded.samples());
        for (CounterPoint p : decoded.counters()) {
            all.add(new Sample(p.index(), p.path(), p.template(), List.of()));
        }
        all.sort(java.util.Comparator.comparingInt(Sample::index));
        List<String> problems = router.validate(all, now);
        if (!problems.isEmpty()) {
            metrics.rejected(HttpIngestMetrics.INVALID);
            return new Checked(null, null, problem(400, "invalid-metrics", "Invalid metric samples",
                    problems.size() + " problem(s); nothing was published", toErrors(problems)));
        }
        String key = all.isEmpty() ? "" : decoded.format() == PayloadFormat.COLLECTD_JSON
                ? all.get(0).metric().source() : all.get(0).metric().service();
        return new Checked(decoded, key, null);
    }

    private Response refused(RejectionCategory category, String reason) {
        return switch (category) {
            case UNSUPPORTED_TYPE -> {
                metrics.rejected(HttpIngestMetrics.UNSUPPORTED);
                yield problem(415, "unsupported-media-type", "Unsupported media type", reason,
                        List.of(new Problem.FieldError("Content-Type", reason)));
            }
            case INVALID -> {
                metrics.rejected(HttpIngestMetrics.INVALID);
                yield problem(400, "invalid-metrics", "Invalid metric samples", reason, toErrors(List.of(reason.split("; "))));
            }
            default -> {
                metrics.rejected(HttpIngestMetrics.UNPARSEABLE);
                // Line protocol names each bad line; JSON and protobuf errors concern the whole body.
                List<Problem.FieldError> errors = reason.startsWith("lines[")
                        ? toErrors(List.of(reason.split("; "))) : List.of(new Problem.FieldError("$", reason));
                yield problem(400, "unparseable", "Unreadable payload", reason, errors);
            }
        };
    }

    /** "samples[2].total: msg" (the topology's wording) becomes field "[2].total", a path into the request body. */
    static List<Problem.FieldError> toErrors(List<String> problems) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String p : problems) {
            int sep = p.indexOf(": ");
            String field = sep < 0 ? "$" : p.substring(0, sep);
            String message = sep < 0 ? p : p.substring(sep + 2);
            if (field.startsWith("samples[")) {
                field = field.substring("samples".length());
            } else if (field.equals("samples")) {
                field = "$";
            }
            errors.add(new Problem.FieldError(field, message));
        }
        return errors;
    }

    private Response retryLater(Response r) {
        return Response.fromResponse(r).header("Retry-After", config.http().retryAfterSeconds()).build();
    }

    static Response problem(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(PROBLEM_BASE + type, title, status, detail, errors)).build();
    }
}
