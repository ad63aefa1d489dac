package dev.surety.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Benchmark probe: follows a consumer group's committed offsets on one topic and reports the rate
 * at which it went from 10 % to 90 % of a known number of records (start-up and the tail left out),
 * with the CPU the given processes used over the same span.
 *
 * <p>Usage: {@code GroupProgress <bootstrap> <group> <topic> <records> <timeoutSeconds> [name=pidFile ...]}.
 * Prints {@code rate=<records/s> <name>_cpu=<cores> ...} on one line. {@code GroupProgress --cpu <pid>}
 * prints the CPU seconds a process has used so far.
 */
public final class GroupProgress {

    private GroupProgress() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--cpu")) {
            System.out.println(cpuSeconds(args[1]));
            return;
        }
        String bootstrap = args[0];
        String group = args[1];
        String topic = args[2];
        long records = Long.parseLong(args[3]);
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[4]));
        List<String[]> processes = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            processes.add(new String[] {kv[0], Files.readString(Path.of(kv[1])).trim()});
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            int partitions = TopicName.partitions(admin, topic);
            long deadline = System.nanoTime() + timeout.toNanos();
            long[] marks = new long[2];
            double[][] cpu = new double[2][processes.size()];
            double[] shares = {0.1, 0.9};
            for (int mark = 0; mark < 2; mark++) {
                long goal = (long) Math.ceil(records * shares[mark]);
                String percent = String.valueOf(Math.round(shares[mark] * 100));
                try {
                    Poll.until(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), Duration.ofMillis(100),
                            () -> committedNow(admin, group, topic, partitions) >= goal,
                            () -> "group " + group + " did not reach " + percent + " % of " + records
                                    + " records on " + topic + " within " + timeout);
                } catch (IOException e) {
                    System.err.println(e.getMessage());
                    System.exit(1);
                }
                marks[mark] = System.nanoTime();
                for (int i = 0; i < processes.size(); i++) {
                    cpu[mark][i] = cpuSeconds(processes.get(i)[1]);
                }
            }
            double seconds = (marks[1] - marks[0]) / 1e9;
            StringBuilder out = new StringBuilder(String.format("rate=%.0f", records * 0.8 / seconds));
            for (int i = 0; i < processes.size(); i++) {
                out.append(String.format(" %s_cpu=%.2f", processes.get(i)[0], (cpu[1][i] - cpu[0][i]) / seconds));
            }
            System.out.println(out);
        }
    }

    /** {@link #committed} for a {@link Poll} check: a broker that does not answer now is asked again. */
    static long committedNow(Admin admin, String group, String topic, int partitions) {
        try {
            return committed(admin, group, topic, partitions);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    static long committed(Admin admin, String group, String topic, int partitions)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        List<TopicPartition> tps = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            tps.add(new TopicPartition(topic, i));
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = admin
                .listConsumerGroupOffsets(Map.of(group, new ListConsumerGroupOffsetsSpec().topicPartitions(tps)))
                .partitionsToOffsetAndMetadata(group).get(10, TimeUnit.SECONDS);
        return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }

    /** User plus system CPU time of a process so far, from /proc (Linux, clock ticks of 1/100 s). */
    static double cpuSeconds(String pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        // Fields after the command name (which may contain spaces) start at state, field 3.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks / 100.0;
    }
}
