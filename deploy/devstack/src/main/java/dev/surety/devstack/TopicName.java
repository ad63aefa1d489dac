package dev.surety.devstack;

import dev.surety.events.Topic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Lets scripts ask the catalog instead of spelling topic names: {@code TopicName METRICS_RAW} prints
 * the topic's name; {@code TopicName --end-offsets <bootstrap> <topic>} prints the sum of its end offsets.
 */
public final class TopicName {

    private TopicName() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--end-offsets")) {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[1]);
            try (Admin admin = Admin.create(p)) {
                System.out.println(endOffsets(admin, args[2]).values().stream().mapToLong(Long::longValue).sum());
            }
            return;
        }
        System.out.println(Topic.valueOf(args[0]).topicName());
    }

    static int partitions(Admin admin, String topic) throws InterruptedException, ExecutionException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }

    /** The end offset of each partition of {@code topic}. */
    static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        for (int i = 0; i < partitions(admin, topic); i++) {
            specs.put(new TopicPartition(topic, i), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(specs).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }
}
