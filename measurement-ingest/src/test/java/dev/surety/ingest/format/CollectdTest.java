package dev.surety.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.events.EventCodec;
import dev.surety.ingest.service.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** collectd JSON mapping and the counter/derive arithmetic of collectd's own counter_diff. */
class CollectdTest {

    private static final DecodeContext CTX = new DecodeContext(null, null, Instant.EPOCH, FormatSettings.defaults());

    private static Decoded parse(String json) {
        return CollectdJsonParser.parse(EventCodec.mapper().valueToTree(EventCodec.decode(
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Object.class)), CTX);
    }

    private static String vl(String dstype, String value, double time) {
        return "{\"values\":[" + value + "],\"dstypes\":[\"" + dstype + "\"],\"dsnames\":[\"value\"],\"time\":" + time
                + ",\"interval\":10.0,\"host\":\"web-1\",\"plugin\":\"interface\",\"plugin_instance\":\"eth0\","
                + "\"type\":\"if_octets\",\"type_instance\":\"\"}";
    }

    private static List<Double> rates(CollectdRates.State state, String... lists) {
        List<Double> out = new ArrayList<>();
        for (String l : lists) {
            for (Sample s : CollectdRates.convert(parse("[" + l + "]").counters(), state)) {
                out.add(s.metric().value());
            }
        }
        return out;
    }

    @Test
    void gaugeAndAbsoluteAndNaming() {
        Decoded d = parse("[{\"values\":[0.5,2.5],\"dstypes\":[\"gauge\",\"absolute\"],\"dsnames\":[\"rx\",\"tx\"],"
                + "\"time\":1773143880.25,\"interval\":10,\"host\":\"web-1\",\"plugin\":\"net\",\"plugin_instance\":\"\","
                + "\"type\":\"packets\",\"type_instance\":\"eth0\",\"meta\":{\"service\":\"checkout\",\"dc\":\"eu\"}}]");
        assertEquals(2, d.samples().size());
        var rx = d.samples().get(0).metric();
        assertEquals("net_packets_eth0_rx", rx.metric());
        assertEquals("checkout", rx.service());
        assertEquals("web-1", rx.source());
        assertEquals(java.util.Map.of("dc", "eu"), rx.labels());
        assertEquals(Instant.parse("2026-03-10T11:58:00.250Z"), rx.timestamp());
        assertEquals(0.5, rx.value());
        assertEquals(0.25, d.samples().get(1).metric().value(), "absolute: value / interval");
        assertEquals("[0].values[1]", d.samples().get(1).path());
    }

    @Test
    void singleDataSourceOmitsItsNameAndServiceFallsBackToHost() {
        Decoded d = parse("[" + vl("gauge", "1", 100) + "]");
        assertEquals("interface_eth0_if_octets", d.samples().get(0).metric().metric());
        assertEquals("web-1", d.samples().get(0).metric().service());
    }

    @Test
    void deriveIsARatePerSecondAndADecreaseIsAReset() {
        CollectdRates.State s = CollectdRates.inMemory();
        assertEquals(List.of(10.0, 5.0, 2.0), rates(s, vl("derive", "1000", 100), vl("derive", "1100", 110),
                vl("derive", "1150", 120), vl("derive", "3", 130), vl("derive", "23", 140)));
    }

    @Test
    void counterWrapsAt32BitsOrAt64Bits() {
        CollectdRates.State s = CollectdRates.inMemory();
        // 4294967290 -> 4 wraps at 2^32: 10 increments in 10 s.
        assertEquals(List.of(1.0), rates(s, vl("counter", "4294967290", 100), vl("counter", "4", 110)));
        CollectdRates.State big = CollectdRates.inMemory();
        // 2^64 - 6 -> 4 wraps at 2^64: 10 increments.
        assertEquals(List.of(1.0), rates(big, vl("counter", "18446744073709551610", 100), vl("counter", "4", 110)));
    }

    @Test
    void outOfOrderAndRepeatedValuesAreIgnored() {
        CollectdRates.State s = CollectdRates.inMemory();
        assertEquals(List.of(1.0), rates(s, vl("derive", "100", 100), vl("derive", "50", 90),
                vl("derive", "100", 100), vl("derive", "110", 110)));
    }

    @Test
    void firstValueOnlySetsTheBaseline() {
        assertTrue(rates(CollectdRates.inMemory(), vl("counter", "5", 1)).isEmpty());
    }
}
