package dev.surety.events;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Offers every catalog topic name as configuration ({@code surety.topic.<name>}) so that
 * {@code application.properties} can write {@code mp.messaging.*.topic=${surety.topic.sla-agreements}}
 * without spelling the name. Its low ordinal lets an environment variable rename a topic.
 */
public class TopicConfigSource implements ConfigSource {

    private static final Map<String, String> PROPERTIES = Stream.of(Topic.values())
            .collect(Collectors.toUnmodifiableMap(Topic::configKey, Topic::topicName));

    @Override
    public Map<String, String> getProperties() {
        return PROPERTIES;
    }

    @Override
    public Set<String> getPropertyNames() {
        return PROPERTIES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTIES.get(propertyName);
    }

    @Override
    public String getName() {
        return "surety-topic-catalog";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
