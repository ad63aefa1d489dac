package dev.surety.agreement.service;

import dev.surety.agreement.Agreement;
import dev.surety.agreement.AgreementNotFoundException;
import dev.surety.agreement.AgreementPage;
import dev.surety.agreement.AgreementTerms;
import dev.surety.agreement.Caller;
import dev.surety.agreement.repository.AgreementRepository;
import dev.surety.agreement.repository.AgreementVersionRepository;
import dev.surety.agreement.repository.OutboxRepository;
import dev.surety.events.AgreementStatus;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/** Creates and reads agreements; every write also queues its event in the outbox. */
@ApplicationScoped
public class AgreementService {

    private final AgreementRepository agreements;
    private final AgreementVersionRepository versions;
    private final OutboxRepository outbox;
    private final AgreementEntityMapper mapper;
    private final OutboxEventFactory events;
    private final Clock clock;

    public AgreementService(AgreementRepository agreements, AgreementVersionRepository versions,
                            OutboxRepository outbox, AgreementEntityMapper mapper, OutboxEventFactory events,
                            Clock clock) {
        this.agreements = agreements;
        this.versions = versions;
        this.outbox = outbox;
        this.mapper = mapper;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Creates an agreement as version 1. The agreement, its version and the snapshot event are
     * written in one transaction: either the others will hear of the agreement, or it does not exist.
     * This slice creates agreements ACTIVE; the DRAFT lifecycle comes later.
     *
     * @param terms validated terms; a missing {@code effectiveFrom} means "from now"
     */
    @WithTransaction
    public Uni<Agreement> create(Caller caller, AgreementTerms terms) {
        // Millisecond precision: what PostgreSQL stores (micros) and JSON shows must be the same instant.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AgreementTerms effective = terms.effectiveFrom() == null ? terms.withEffectiveFrom(now) : terms;
        Agreement agreement = new Agreement(UUID.randomUUID(), 1, AgreementStatus.ACTIVE, effective, now,
                caller.subject(), now);
        return agreements.persist(mapper.toEntity(agreement))
                .chain(() -> versions.persist(mapper.toVersionEntity(agreement, caller.subject())))
                .chain(() -> outbox.persist(events.snapshot(agreement, now)))
                .replaceWith(agreement);
    }

    /**
     * The agreement's current version.
     *
     * @throws AgreementNotFoundException (as a failed Uni) when it does not exist or the caller may
     *                                    not see its tenant
     */
    @WithSession
    public Uni<Agreement> get(Caller caller, UUID id) {
        return agreements.findCurrent(id, caller.tenantScope())
                .onItem().ifNull().failWith(() -> new AgreementNotFoundException(id.toString()))
                .map(mapper::toDomain);
    }

    /**
     * A page of the agreements the caller may see, newest first.
     *
     * @param customer only agreements of this tenant; for a customer it can only narrow, never widen
     */
    @WithSession
    public Uni<AgreementPage> list(Caller caller, Optional<String> customer, int page, int size) {
        Optional<String> scope = caller.tenantScope();
        return agreements.countCurrent(scope, customer)
                .chain(total -> agreements.listCurrent(scope, customer, page, size)
                        .map(rows -> new AgreementPage(rows.stream().map(mapper::toDomain).toList(), page, size,
                                total)));
    }
}
