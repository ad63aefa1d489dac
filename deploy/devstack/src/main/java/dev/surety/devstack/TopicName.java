package dev.surety.devstack;

import dev.surety.events.Topic;
import java.util.List;
import java.util.Properties;
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
                int partitions = admin.describeTopics(List.of(args[2])).allTopicNames().get().get(args[2]).partitions().size();
                java.util.Map<TopicPartition, OffsetSpec> specs = new java.util.HashMap<>();
                for (int i = 0; i < partitions; i++) {
                    specs.put(new TopicPartition(args[2], i), OffsetSpec.latest());
                }
                long sum = admin.listOffsets(specs).all().get().values().stream().mapToLong(o -> o.offset()).sum();
                System.out.println(sum);
            }
            return;
        }
        System.out.println(Topic.valueOf(args[0]).topicName());
    }
}
