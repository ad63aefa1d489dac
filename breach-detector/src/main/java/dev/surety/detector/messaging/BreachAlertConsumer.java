package dev.surety.detector.messaging;

import dev.surety.detector.alerting.AlertNotifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the breaches topic in its own consumer group ({@code surety-breach-detector-alerts}),
 * apart from Kafka Streams, and tells ops. The record is acknowledged when the returned Uni
 * completes — after every target accepted it or was given up on — and the throttled commit
 * strategy commits an offset only once every record before it is acknowledged: a restart
 * re-delivers what was not finished (at least once), never skips it. Records are handled one at
 * a time, in order, so a resolution never overtakes its opening.
 */
@ApplicationScoped
public class BreachAlertConsumer {

    private final AlertNotifier notifier;

    BreachAlertConsumer(AlertNotifier notifier) {
        this.notifier = notifier;
    }

    @Incoming("breach-alerts")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return notifier.onRecord(record.headers(), record.value());
    }
}
