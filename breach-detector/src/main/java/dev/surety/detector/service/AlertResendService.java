package dev.surety.detector.service;

import dev.surety.detector.alerting.AlertMapper;
import dev.surety.detector.alerting.AlertNotifier;
import dev.surety.detector.alerting.AlertRouter;
import dev.surety.detector.alerting.AlertSender;
import dev.surety.detector.alerting.AlertTarget;
import dev.surety.detector.alerting.AlertmanagerAlert;
import dev.surety.detector.repository.DetectorStoreRepository;
import dev.surety.detector.repository.OpenEpisodeRepository;
import dev.surety.detector.repository.OpenEpisodeRepository.OpenEpisode;
import dev.surety.detector.repository.StatusUnavailableException;
import dev.surety.events.AgreementSnapshot;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps Alertmanager's alerts alive: every {@code resend-interval} the breaches and silent
 * episodes open in the detector's state are sent again (Alertmanager resolves an alert that is
 * not re-sent before its {@code endsAt}). The state, not a list of what was sent, is the source,
 * so re-sends survive restarts and stop the moment an episode closes.
 */
@ApplicationScoped
public class AlertResendService {

    private static final Logger LOG = Logger.getLogger(AlertResendService.class);
    /** Alerts per request: Alertmanager takes arrays, but one huge body helps nobody. */
    private static final int BATCH = 500;

    private final OpenEpisodeRepository episodes;
    private final DetectorStoreRepository stores;
    private final AlertRouter router;
    private final AlertMapper mapper;
    private final AlertSender sender;
    private final AlertNotifier notifier;
    private final Clock clock;

    AlertResendService(OpenEpisodeRepository episodes, DetectorStoreRepository stores, AlertRouter router,
                       AlertMapper mapper, AlertSender sender, AlertNotifier notifier, Clock clock) {
        this.episodes = episodes;
        this.stores = stores;
        this.router = router;
        this.mapper = mapper;
        this.sender = sender;
        this.notifier = notifier;
        this.clock = clock;
    }

    @Scheduled(every = "${surety.detector.alerting.resend-interval}", delayed = "${surety.detector.alerting.resend-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resendOpenAlerts() {
        if (!router.anyAlertmanager()) {
            return;
        }
        List<OpenEpisode> open;
        try {
            open = episodes.openEpisodes();
        } catch (StatusUnavailableException e) {
            LOG.debugf("open alerts not re-sent this time: %s", e.getMessage());
            return;
        }
        Instant now = clock.instant();
        Map<AlertTarget, List<AlertmanagerAlert>> byTarget = new LinkedHashMap<>();
        Map<String, Optional<AgreementSnapshot>> agreements = new HashMap<>();
        for (OpenEpisode episode : open) {
            Optional<AgreementSnapshot> agreement;
            try {
                agreement = agreements.computeIfAbsent(episode.agreementId(), stores::latestAgreement);
            } catch (RuntimeException e) {
                // The store went away (rebalance, shutdown): the next interval tries again.
                LOG.debugf("open alerts not re-sent this time: %s", e.getMessage());
                return;
            }
            // A deleted agreement's episodes stay open in the state forever; without a tenant they cannot be routed.
            if (agreement.isEmpty()) {
                continue;
            }
            AgreementSnapshot a = agreement.get();
            AlertmanagerAlert alert = episode.noData()
                    ? mapper.stillSilent(a, episode.objectiveId(), episode.id(), episode.lastDataAt(), episode.since(), now)
                    : mapper.stillOpen(a, episode.objectiveId(), episode.rule(), episode.id(), episode.since(),
                            episode.window(), now);
            for (AlertTarget target : router.targets(a.tenant())) {
                if (target.type() == AlertTarget.Type.ALERTMANAGER) {
                    byTarget.computeIfAbsent(target, t -> new ArrayList<>()).add(alert);
                }
            }
        }
        List<Uni<AlertSender.Outcome>> sends = new ArrayList<>();
        byTarget.forEach((target, alerts) -> {
            for (int i = 0; i < alerts.size(); i += BATCH) {
                List<AlertmanagerAlert> batch = List.copyOf(alerts.subList(i, Math.min(alerts.size(), i + BATCH)));
                sends.add(sender.sendOnce(target, () -> notifier.alertmanagerRequest(target, batch),
                        "re-send of " + batch.size() + " open alert(s)"));
            }
        });
        if (!sends.isEmpty()) {
            // Waits on this scheduler worker thread (never the Kafka Streams thread); sendOnce never fails.
            Uni.join().all(sends).andCollectFailures()
                    .await().atMost(sender.requestTimeout().plus(Duration.ofSeconds(5)));
        }
    }
}
