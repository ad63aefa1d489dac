package dev.surety.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.devstack.testing.SuretyTestInfra;
import dev.surety.events.Topic;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code DetectorBench sustained} end to end against a real broker, with short steps: a group that keeps up is flat
 * at every step, and a group that never commits makes the search go down to its floor and answer "none"; the lag
 * those steps are judged by.
 */
class SustainedRateTest {

    /** The test JVM's shared broker. */
    private static String bootstrap;

    @BeforeAll
    static void broker() {
        bootstrap = SuretyTestInfra.kafkaBootstrap();
    }

    @Test
    void aGroupThatKeepsUpIsFlatAtEveryStepUntilTheLastStepAllowed() throws Exception {
        String topic = topic("keeps-up");
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch assigned = new CountDownLatch(1);
        Thread follower = new Thread(() -> follow(topic, "keeps-up", assigned, stop), "follower");
        follower.start();
        try {
            // Joining the group takes a few seconds: the steps are judged from the start.
            assertTrue(assigned.await(60, TimeUnit.SECONDS), "the follower got no partitions");
            List<String> lines = sustained(topic, "keeps-up", "steps=2");
            assertEquals(3, lines.size(), lines::toString);
            assertTrue(lines.get(0).startsWith("step=1 rate_target=1000 "), lines.get(0));
            assertTrue(lines.get(0).endsWith(" detector_cpu=- flat=true"), lines.get(0));
            assertTrue(lines.get(1).startsWith("step=2 rate_target=1100 "), lines.get(1));
            assertTrue(lines.get(2).matches("sustained_rate=1\\d{3} sustained_target=1100 steps=2 first_unflat=none"
                    + " search=up stopped=steps failed_sends=0"), lines.get(2));
        } finally {
            stop.set(true);
            follower.join(10_000);
        }
    }

    @Test
    void aGroupThatNeverCommitsSendsTheSearchDownToItsFloorWithoutAnAnswer() throws Exception {
        String topic = topic("never-commits");
        List<String> lines = sustained(topic, "nobody", "floor=0.7");
        assertEquals(3, lines.size(), lines::toString);
        assertTrue(lines.get(0).contains(" settle_s=-1.0 ") && lines.get(0).endsWith(" flat=false"), lines.get(0));
        assertTrue(lines.get(1).startsWith("step=2 rate_target=800 "), lines.get(1));
        assertEquals("sustained_rate=none sustained_target=none steps=2 first_unflat=800 search=down stopped=floor"
                + " failed_sends=0", lines.get(2));
    }

    @Test
    void theLagIsTheRecordsNotCommittedAndAFailedReadIsEmptyNotAnException() throws Exception {
        String topic = topic("lag");
        try (KafkaProducer<String, byte[]> producer = DetectorBench.producer(bootstrap)) {
            for (int i = 0; i < 7; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, new byte[] {1}));
            }
            producer.flush();
        }
        Admin admin = DetectorBench.admin(bootstrap);
        GroupLag lag = new GroupLag(admin, "never-joined", topic);
        assertEquals(OptionalLong.of(7), lag.read(), "a group without commits lags by every record");
        admin.close();
        assertEquals(OptionalLong.empty(), lag.read(), "an admin client that cannot ask reads nothing");
        assertEquals("unreadable", GroupLag.describe(lag.read()));
        assertEquals("7 records", GroupLag.describe(OptionalLong.of(7)));
    }

    /** A new measurements topic, once the broker knows it. */
    private static String topic(String suffix) throws Exception {
        String topic = DetectorBench.createTopic(bootstrap, suffix);
        try (Admin admin = DetectorBench.admin(bootstrap)) {
            Poll.until(Duration.ofSeconds(30), Duration.ofMillis(100), () -> {
                try {
                    return TopicName.endOffsets(admin, topic).size() == Topic.MEASUREMENTS.partitions();
                } catch (InterruptedException | ExecutionException notYet) {
                    return false;
                }
            }, () -> topic + " did not appear");
        }
        return topic;
    }

    private static List<String> sustained(String topic, String group, String option) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            SustainedRate.run(new String[] {"sustained", bootstrap, topic, group, "test", "5", "4",
                "1000", "2000", "warmup=2", "step=4", "grace=2", "settle=1", option}, out);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** A consumer group that commits what it has read after every poll: its lag stays near zero. */
    private static void follow(String topic, String group, CountDownLatch assigned, AtomicBoolean stop) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (!stop.get()) {
                if (!consumer.poll(Duration.ofMillis(20)).isEmpty()) {
                    consumer.commitSync();
                }
                if (!consumer.assignment().isEmpty()) {
                    assigned.countDown();
                }
            }
        }
    }
}
