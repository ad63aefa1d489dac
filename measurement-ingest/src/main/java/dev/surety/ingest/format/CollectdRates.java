package dev.surety.ingest.format;

import dev.surety.events.RawMetric;
import dev.surety.ingest.service.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns collectd's cumulative {@code derive} and {@code counter} values into rates per second, the way collectd's
 * own {@code counter_diff} does: the first value of an identity only sets the baseline; a counter that decreases
 * wrapped (at 2^32 when the previous value fitted in 32 bits, else at 2^64); a derive that decreases was reset and
 * yields no rate (never a negative one); a value not newer than the previous one is ignored.
 */
public final class CollectdRates {

    /** The previous value of each identity; on the Kafka path a changelogged state store. */
    public interface State {
        Previous get(String identity);

        void put(String identity, Previous previous);
    }

    /** The last value seen of one identity, and when. */
    public record Previous(double time, long raw) {

        public byte[] encode() {
            return (Double.toString(time) + "|" + raw).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        public static Previous decode(byte[] bytes) {
            String s = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            int bar = s.indexOf('|');
            return new Previous(Double.parseDouble(s.substring(0, bar)), Long.parseLong(s.substring(bar + 1)));
        }
    }

    private CollectdRates() {
    }

    /** The samples the points yield, updating {@code state}; points that only set a baseline yield none. */
    public static List<Sample> convert(List<CounterPoint> points, State state) {
        List<Sample> out = new ArrayList<>();
        for (CounterPoint p : points) {
            Previous prev = state.get(p.identity());
            if (prev != null && !(p.time() > prev.time())) {
                continue; // duplicate or out of order: keep the newer baseline
            }
            state.put(p.identity(), new Previous(p.time(), p.raw()));
            if (prev == null) {
                continue;
            }
            double delta;
            if (p.counter()) {
                long diff;
                if (Long.compareUnsigned(p.raw(), prev.raw()) >= 0) {
                    diff = p.raw() - prev.raw();
                } else if (Long.compareUnsigned(prev.raw(), 0xFFFF_FFFFL) <= 0) {
                    diff = (0xFFFF_FFFFL - prev.raw()) + p.raw() + 1; // 32-bit wrap
                } else {
                    diff = p.raw() - prev.raw(); // 64-bit wrap: unsigned arithmetic wraps by itself
                }
                delta = InfluxLineParser.unsignedToDouble(diff);
            } else {
                if (p.raw() < prev.raw()) {
                    continue; // reset: the new value is the baseline, no negative rate
                }
                delta = (double) p.raw() - (double) prev.raw();
            }
            double rate = delta / (p.time() - prev.time());
            RawMetric t = p.template();
            out.add(new Sample(p.index(), p.path(), new RawMetric(t.id(), t.source(), t.service(), t.metric(),
                    t.labels(), t.timestamp(), rate, null, null), List.of()));
        }
        return out;
    }

    /** An in-memory state, for tests and for validating HTTP payloads. */
    public static State inMemory() {
        java.util.Map<String, Previous> map = new java.util.HashMap<>();
        return new State() {
            @Override
            public Previous get(String identity) {
                return map.get(identity);
            }

            @Override
            public void put(String identity, Previous previous) {
                map.put(identity, previous);
            }
        };
    }

}
