package dev.surety.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.surety.events.EventCodec;
import dev.surety.events.Measurement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class PacedProducerTest {

    private static final long S = TimeUnit.SECONDS.toNanos(1);

    @Test
    void whatWasDueAtTheOldRateStaysDueWhenTheRateChanges() {
        PacedProducer.Pace pace = new PacedProducer.Pace(10 * S, 0, 1000);
        assertEquals(0, pace.due(10 * S));
        assertEquals(500, pace.due(10 * S + S / 2));
        PacedProducer.Pace faster = pace.at(11 * S, 2000);
        assertEquals(1000, faster.due(11 * S));
        assertEquals(2000, faster.due(11 * S + S / 2));
    }

    @Test
    void aBurstSendsBadMeasurementsToEachObjectiveAndWatchesOnlyTheFirstOfEach() {
        DetectorBench.Shape shape = new DetectorBench.Shape("test", 2, 3);
        MockProducer<String, byte[]> via = new MockProducer<>(true, new RoundRobinPartitioner(), new StringSerializer(),
                new ByteArraySerializer());
        PacedProducer paced = new PacedProducer(via, "measurements", shape);
        AtomicInteger next = new AtomicInteger(5);
        List<String> watched = new ArrayList<>();
        paced.sendBurst(via, next::getAndDecrement, 2, 3, (key, ms) -> {
            watched.add(key);
            return (meta, e) -> assertNotNull(meta);
        });
        assertEquals(List.of(shape.key(5), shape.key(4)), watched);
        List<ProducerRecord<String, byte[]>> sent = via.history();
        assertEquals(6, sent.size());
        for (int i = 0; i < sent.size(); i++) {
            assertEquals(shape.key(5 - i / 3), sent.get(i).key());
            Measurement m = EventCodec.decode(sent.get(i).value(), Measurement.class);
            assertEquals(0, m.good());
            assertEquals(PacedProducer.BAD_TOTAL, m.total());
        }
        paced.close();
    }
}
