package dev.surety.ingest.format;

import dev.surety.events.RawMetric;
import dev.surety.ingest.service.RejectedException;
import dev.surety.ingest.service.RejectionCategory;
import dev.surety.ingest.service.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus remote write 1.0: a snappy-compressed (block format) protobuf {@code WriteRequest} of
 * {@code TimeSeries {repeated Label labels = 1; repeated Sample samples = 2;}}, {@code Sample {double value = 1;
 * int64 timestamp = 2;}} (milliseconds). Mapping: {@code __name__} is the metric; the first of the configured
 * service labels present ({@code service}, else {@code job}) is the service; {@code instance} is the source;
 * the other labels are labels. Staleness markers (the special NaN Prometheus writes when a series disappears)
 * are not samples and are skipped. Problems are named {@code timeseries[i].samples[j].value}.
 */
public final class RemoteWriteParser {

    /** The NaN bit pattern Prometheus uses to mark a series stale. */
    public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

    private RemoteWriteParser() {
    }

    /** @param compressed the request body as sent (snappy block format) */
    public static Decoded parse(byte[] compressed, DecodeContext ctx) {
        if (compressed == null || compressed.length == 0) {
            throw new RejectedException(RejectionCategory.UNPARSEABLE, "payload is empty");
        }
        byte[] body;
        try {
            body = Snappy.decompress(compressed, ctx.settings().maxDecompressedSize());
        } catch (Snappy.SnappyException e) {
            throw new RejectedException(RejectionCategory.UNPARSEABLE, "not snappy block format: " + e.getMessage());
        }
        return parseUncompressed(body, ctx);
    }

    static Decoded parseUncompressed(byte[] body, DecodeContext ctx) {
        List<Sample> samples = new ArrayList<>();
        int skipped = 0;
        int series = 0;
        try {
            ProtoReader req = new ProtoReader(body, 0, body.length);
            while (req.more()) {
                int tag = req.tag();
                if (tag >>> 3 == 1 && (tag & 7) == ProtoReader.LEN) {
                    skipped += series(req.message(), "timeseries[" + series++ + "]", samples, ctx);
                } else {
                    req.skip(tag & 7); // metadata (3) and anything newer
                }
            }
        } catch (ProtoReader.ProtoException e) {
            throw new RejectedException(RejectionCategory.UNPARSEABLE, "not a remote write WriteRequest: "
                    + e.getMessage() + (series > 0 ? " (in or after timeseries[" + (series - 1) + "])" : ""));
        }
        return new Decoded(PayloadFormat.PROMETHEUS_REMOTE_WRITE, samples, List.of(), skipped);
    }

    private static int series(ProtoReader ts, String path, List<Sample> out, DecodeContext ctx) {
        Map<String, String> labels = new LinkedHashMap<>();
        List<double[]> points = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        while (ts.more()) {
            int tag = ts.tag();
            int field = tag >>> 3;
            if (field == 1 && (tag & 7) == ProtoReader.LEN) {
                ProtoReader l = ts.message();
                String name = null;
                String value = null;
                while (l.more()) {
                    int lt = l.tag();
                    if (lt == (1 << 3 | ProtoReader.LEN)) {
                        name = l.string();
                    } else if (lt == (2 << 3 | ProtoReader.LEN)) {
                        value = l.string();
                    } else {
                        l.skip(lt & 7);
                    }
                }
                if (name == null || name.isEmpty()) {
                    problems.add(path + ".labels: a label has no name");
                } else {
                    labels.put(name, value == null ? "" : value);
                }
            } else if (field == 2 && (tag & 7) == ProtoReader.LEN) {
                ProtoReader s = ts.message();
                double value = 0;
                long time = 0;
                while (s.more()) {
                    int st = s.tag();
                    if (st == (1 << 3 | ProtoReader.FIXED64)) {
                        value = s.fixed64AsDouble();
                    } else if (st == (2 << 3 | ProtoReader.VARINT)) {
                        time = s.varint();
                    } else {
                        s.skip(st & 7);
                    }
                }
                points.add(new double[] {value});
                times.add(time);
            } else {
                ts.skip(tag & 7); // exemplars, native histograms
            }
        }
        String metric = labels.remove("__name__");
        if (metric == null || metric.isEmpty()) {
            problems.add(path + ".labels: __name__ is required");
        }
        String service = null;
        for (String l : ctx.settings().prometheusServiceLabels()) {
            if (service == null && labels.containsKey(l)) {
                service = labels.get(l);
            }
        }
        for (String l : ctx.settings().prometheusServiceLabels()) {
            labels.remove(l);
        }
        if (service == null) {
            service = ctx.settings().defaultService();
            if (service == null) {
                problems.add(path + ".labels: one of " + ctx.settings().prometheusServiceLabels()
                        + " is required to name the service");
            }
        }
        String source = labels.remove("instance");
        if (source == null) {
            source = ctx.defaultSource();
        }
        int skipped = 0;
        for (int j = 0; j < points.size(); j++) {
            double v = points.get(j)[0];
            // Staleness markers, and the NaN a Prometheus server writes for every summary quantile
            // without observations (and +-Inf it may scrape), carry no event: they are skipped and
            // counted, never a reason to refuse the batch — Prometheus drops a refused batch, with
            // every good series in it.
            if (Double.doubleToRawLongBits(v) == STALE_NAN_BITS || !Double.isFinite(v)) {
                skipped++;
                continue;
            }
            String sp = path + ".samples[" + j + "]";
            out.add(new Sample(out.size(), sp, new RawMetric(null, source, service, metric, labels,
                    Instant.ofEpochMilli(times.get(j)), v, null, null), new ArrayList<>(problems)));
        }
        return skipped;
    }
}
