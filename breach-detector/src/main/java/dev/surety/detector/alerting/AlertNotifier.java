package dev.surety.detector.alerting;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.BreachOpened;
import dev.surety.events.BreachResolved;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.NoDataEnded;
import dev.surety.events.NoDataStarted;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

/**
 * Pushes one breach event to every target of its tenant: Alertmanager gets the alert (firing or
 * resolved), webhooks get the signed CloudEvent. The returned {@link Uni} completes when every
 * target has either accepted the event or been given up on — never earlier, so the caller may
 * commit the event's offset then.
 */
public final class AlertNotifier {

    private static final Logger LOG = Logger.getLogger(AlertNotifier.class);
    private static final String USER_AGENT = "surety-breach-detector";

    private final AlertRouter router;
    private final AlertMapper mapper;
    private final AlertSender sender;
    private final Function<String, Optional<AgreementSnapshot>> agreements;
    private final Clock clock;
    private final AlertMetrics metrics;
    private final Duration lookupPatience;

    /**
     * @param agreements     the agreement's newest version by id; throws while the store cannot be read yet
     * @param lookupPatience how long to wait for the agreement store before sending without the agreement's name
     */
    public AlertNotifier(AlertRouter router, AlertMapper mapper, AlertSender sender,
                         Function<String, Optional<AgreementSnapshot>> agreements, Clock clock, AlertMetrics metrics,
                         Duration lookupPatience) {
        this.router = router;
        this.mapper = mapper;
        this.sender = sender;
        this.agreements = agreements;
        this.clock = clock;
        this.metrics = metrics;
        this.lookupPatience = lookupPatience;
    }

    /** Notifies about one record of the breaches topic; other event types complete at once. */
    public Uni<Void> onRecord(Headers headers, byte[] value) {
        EventType type = CloudEvents.type(headers);
        if (type != EventType.BREACH_OPENED && type != EventType.BREACH_RESOLVED
                && type != EventType.NO_DATA_STARTED && type != EventType.NO_DATA_ENDED) {
            return Uni.createFrom().voidItem();
        }
        Record event;
        try {
            event = (Record) EventCodec.decode(value, type.dataClass());
        } catch (RuntimeException e) {
            LOG.warnf("unreadable %s event %s skipped: %s", type.ceType(), CloudEvents.header(headers, CloudEvents.H_ID),
                    e.getMessage());
            metrics.failed("none", AlertMetrics.EVENT, AlertMetrics.UNREADABLE);
            return Uni.createFrom().voidItem();
        }
        String tenant = tenant(event);
        List<AlertTarget> targets = router.targets(tenant);
        if (targets.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String eventId = Optional.ofNullable(CloudEvents.header(headers, CloudEvents.H_ID)).orElse(id(event));
        String what = type.ceType() + " " + eventId;
        boolean toAlertmanager = targets.stream().anyMatch(t -> t.type() == AlertTarget.Type.ALERTMANAGER);
        Uni<AgreementSnapshot> agreement = toAlertmanager ? agreement(agreementId(event))
                : Uni.createFrom().nullItem();
        return agreement.onItem().transformToUni(snapshot -> {
            List<Uni<AlertSender.Outcome>> deliveries = new ArrayList<>();
            byte[] cloudEvent = null;
            for (AlertTarget target : targets) {
                if (target.type() == AlertTarget.Type.ALERTMANAGER) {
                    // Built per attempt: endsAt of a firing alert counts from the moment it is sent.
                    deliveries.add(sender.deliver(target, () -> alertmanagerRequest(target,
                            List.of(alert(event, snapshot, clock.instant()))), what));
                } else {
                    if (cloudEvent == null) {
                        cloudEvent = CloudEventJson.structured(headers, value);
                    }
                    byte[] body = cloudEvent;
                    deliveries.add(sender.deliver(target, () -> webhookRequest(target, body, eventId, type), what));
                }
            }
            return Uni.join().all(deliveries).andCollectFailures().replaceWithVoid();
        });
    }

    /** The Alertmanager alert of one event. */
    AlertmanagerAlert alert(Record event, AgreementSnapshot agreement, Instant now) {
        if (event instanceof BreachOpened e) {
            return mapper.opened(e, agreement, now);
        }
        if (event instanceof BreachResolved e) {
            return mapper.resolved(e, agreement, now);
        }
        if (event instanceof NoDataStarted e) {
            return mapper.noDataStarted(e, agreement, now);
        }
        return mapper.noDataEnded((NoDataEnded) event, agreement, now);
    }

    /** {@code POST <url>/api/v2/alerts} with a JSON array of alerts. */
    public HttpRequest alertmanagerRequest(AlertTarget target, List<AlertmanagerAlert> alerts) {
        return HttpRequest.newBuilder(target.endpoint())
                .timeout(sender.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventCodec.encode(alerts)))
                .build();
    }

    /** The signed webhook request; signed anew per attempt so its timestamp is fresh. */
    HttpRequest webhookRequest(AlertTarget target, byte[] body, String eventId, EventType type) {
        long timestamp = clock.instant().getEpochSecond();
        return HttpRequest.newBuilder(target.endpoint())
                .timeout(sender.requestTimeout())
                .header("Content-Type", CloudEventJson.CONTENT_TYPE)
                .header("User-Agent", USER_AGENT)
                .header(WebhookSigner.EVENT_ID_HEADER, eventId)
                .header("X-Surety-Event-Type", type.ceType())
                .header(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.signature(target.secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /**
     * The agreement, read off the event loop. While the store is not readable (the detector is
     * starting) it is asked again for up to {@code lookupPatience}; then the alert goes out
     * without the agreement's name rather than not at all.
     */
    private Uni<AgreementSnapshot> agreement(String agreementId) {
        return Uni.createFrom().item(() -> agreements.apply(agreementId).orElse(null))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2))
                .expireIn(lookupPatience.toMillis())
                .onFailure().invoke(e -> LOG.warnf("agreement %s not readable (%s); alert sent without its name",
                        agreementId, e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private static String tenant(Record event) {
        if (event instanceof BreachOpened e) {
            return e.tenant();
        }
        if (event instanceof BreachResolved e) {
            return e.tenant();
        }
        if (event instanceof NoDataStarted e) {
            return e.tenant();
        }
        return ((NoDataEnded) event).tenant();
    }

    private static String agreementId(Record event) {
        if (event instanceof BreachOpened e) {
            return e.agreementId();
        }
        if (event instanceof BreachResolved e) {
            return e.agreementId();
        }
        if (event instanceof NoDataStarted e) {
            return e.agreementId();
        }
        return ((NoDataEnded) event).agreementId();
    }

    private static String id(Record event) {
        if (event instanceof BreachOpened e) {
            return e.id();
        }
        if (event instanceof BreachResolved e) {
            return e.id();
        }
        if (event instanceof NoDataStarted e) {
            return e.id();
        }
        return ((NoDataEnded) event).id();
    }
}
