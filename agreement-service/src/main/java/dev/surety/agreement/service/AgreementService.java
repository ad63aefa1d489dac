package dev.surety.agreement.service;

import dev.surety.agreement.Agreement;
import dev.surety.agreement.AgreementNotFoundException;
import dev.surety.agreement.AgreementPage;
import dev.surety.agreement.AgreementTerms;
import dev.surety.agreement.AgreementVersionPage;
import dev.surety.agreement.Caller;
import dev.surety.agreement.Lifecycle;
import dev.surety.agreement.LifecycleConflictException;
import dev.surety.agreement.MaintenanceNotice;
import dev.surety.agreement.MaintenanceWindowConflictException;
import dev.surety.agreement.MaintenanceWindowNotFoundException;
import dev.surety.events.Exclusions;
import dev.surety.events.MaintenanceWindow;
import java.util.ArrayList;
import java.util.List;
import dev.surety.agreement.VersionMismatchException;
import dev.surety.agreement.repository.AgreementRepository;
import dev.surety.agreement.repository.AgreementVersionRepository;
import dev.surety.agreement.repository.ListFilter;
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
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Creates, changes, deletes and reads agreements. Every change writes a new immutable version and
 * queues its snapshot event in the outbox, in one transaction.
 */
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
     * Creates an agreement as version 1, in {@code status} (DRAFT or ACTIVE). The agreement, its
     * version and the snapshot event are written in one transaction: either the others will hear
     * of the agreement, or it does not exist.
     *
     * @param terms validated terms; a missing {@code effectiveFrom} means "from now"
     */
    @WithTransaction
    public Uni<Agreement> create(Caller caller, AgreementTerms terms, AgreementStatus status) {
        if (!Lifecycle.INITIAL.contains(status)) {
            throw new IllegalArgumentException("an agreement starts as DRAFT or ACTIVE, not " + status);
        }
        Instant now = now();
        AgreementTerms effective = terms.effectiveFrom() == null ? terms.withEffectiveFrom(now) : terms;
        effective = effective.withExclusions(
                MaintenanceNotice.announce(effective.exclusions(), null, now, effective.timeZone()));
        Agreement agreement = new Agreement(UUID.randomUUID(), 1, status, effective, now, caller.subject(), now,
                caller.subject());
        return agreements.persist(mapper.toEntity(agreement))
                .chain(() -> versions.persist(mapper.toVersionEntity(agreement, caller.subject())))
                .chain(() -> outbox.persist(events.snapshot(agreement, now)))
                .replaceWith(agreement);
    }

    /**
     * Replaces the terms of the agreement as a new version; the status stays. A terminated
     * agreement cannot change any more.
     *
     * @param expected        the version the caller read (If-Match)
     * @param terms           validated terms; a missing {@code effectiveFrom} keeps the current one
     * @param requestedStatus a status in the body, which must be the current one (transitions go
     *                        through {@link #transition})
     * @throws VersionMismatchException   when the agreement is no longer at {@code expected}
     * @throws LifecycleConflictException when terminated, or the body asks for another status
     */
    @WithTransaction
    public Uni<Agreement> update(Caller caller, UUID id, int expected, AgreementTerms terms,
                                 Optional<AgreementStatus> requestedStatus) {
        return current(caller, id, expected).chain(current -> {
            requireEditable(current);
            requestedStatus.filter(s -> s != current.status()).ifPresent(s -> {
                throw new LifecycleConflictException("the agreement is " + current.status()
                        + "; change the status with POST /v1/agreements/{id}/lifecycle ("
                        + Lifecycle.describe(current.status()) + ")");
            });
            AgreementTerms effective = terms.effectiveFrom() == null
                    ? terms.withEffectiveFrom(current.terms().effectiveFrom()) : terms;
            return writeNextVersion(caller, current, current.status(), effective);
        });
    }

    /**
     * Announces a maintenance window: writes a new version whose exclusions carry it, with
     * {@code announcedAt} = now and {@code excludable} from the agreement's minimum notice.
     *
     * @param window a validated window; its announcement fields are ignored
     * @throws MaintenanceWindowConflictException when the agreement already has a window with its id
     * @throws VersionMismatchException           when the agreement is no longer at {@code expected}
     * @throws LifecycleConflictException         when the agreement is terminated
     */
    @WithTransaction
    public Uni<Agreement> addWindow(Caller caller, UUID id, int expected, MaintenanceWindow window) {
        return current(caller, id, expected).chain(current -> {
            requireEditable(current);
            Exclusions ex = current.terms().exclusions();
            if (ex.maintenanceWindows().stream().anyMatch(w -> w.windowId().equals(window.windowId()))) {
                throw new MaintenanceWindowConflictException(window.windowId());
            }
            List<MaintenanceWindow> windows = new ArrayList<>(ex.maintenanceWindows());
            windows.add(window);
            return writeNextVersion(caller, current, current.status(), current.terms()
                    .withExclusions(new Exclusions(windows, ex.minimumNotice(), ex.excludedCauses())));
        });
    }

    /**
     * Withdraws a maintenance window: writes a new version without it. Earlier versions keep it,
     * so time it excluded while they were in force stays excluded.
     *
     * @throws MaintenanceWindowNotFoundException when the current version has no such window
     */
    @WithTransaction
    public Uni<Agreement> removeWindow(Caller caller, UUID id, int expected, String windowId) {
        return current(caller, id, expected).chain(current -> {
            requireEditable(current);
            Exclusions ex = current.terms().exclusions();
            List<MaintenanceWindow> windows = ex.maintenanceWindows().stream()
                    .filter(w -> !w.windowId().equals(windowId)).toList();
            if (windows.size() == ex.maintenanceWindows().size()) {
                throw new MaintenanceWindowNotFoundException(windowId);
            }
            return writeNextVersion(caller, current, current.status(), current.terms()
                    .withExclusions(new Exclusions(windows, ex.minimumNotice(), ex.excludedCauses())));
        });
    }

    /**
     * Moves the agreement to {@code target} as a new version with unchanged terms.
     *
     * @throws VersionMismatchException   when the agreement is no longer at {@code expected}
     * @throws LifecycleConflictException when the lifecycle does not allow the transition
     */
    @WithTransaction
    public Uni<Agreement> transition(Caller caller, UUID id, int expected, AgreementStatus target) {
        return current(caller, id, expected).chain(current -> {
            Lifecycle.check(current.status(), target);
            return writeNextVersion(caller, current, target, current.terms());
        });
    }

    /**
     * Deletes a draft with its versions, and queues a tombstone so the compacted agreements topic
     * forgets it. Only drafts: an agreement that has been in force is evidence and is terminated
     * instead.
     *
     * @param expected the version the caller read, or empty to delete whatever draft version is current
     * @throws LifecycleConflictException when the agreement is not a draft
     */
    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id, OptionalInt expected) {
        return agreements.findCurrent(id, caller.tenantScope())
                .onItem().ifNull().failWith(() -> new AgreementNotFoundException(id.toString()))
                .map(mapper::toDomain)
                .chain(current -> {
                    if (expected.isPresent() && expected.getAsInt() != current.version()) {
                        throw new VersionMismatchException(expected.getAsInt());
                    }
                    if (current.status() != AgreementStatus.DRAFT) {
                        throw new LifecycleConflictException("only a DRAFT agreement can be deleted; this one is "
                                + current.status() + " (" + Lifecycle.describe(current.status()) + ")");
                    }
                    return agreements.deleteDraft(id, current.version()).chain(n -> {
                        if (n == 0) {
                            // Changed (or deleted) by a concurrent request since it was read.
                            throw new VersionMismatchException(current.version());
                        }
                        return outbox.persist(events.tombstone(id, now()));
                    });
                })
                .replaceWithVoid();
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
     * The version in force at {@code at}: the latest one written at or before it.
     *
     * @throws AgreementNotFoundException when the agreement did not exist yet at {@code at}, does
     *                                    not exist, or the caller may not see its tenant
     */
    @WithSession
    public Uni<Agreement> getAt(Caller caller, UUID id, Instant at) {
        return agreements.findAt(id, at, caller.tenantScope())
                .onItem().ifNull().failWith(() -> new AgreementNotFoundException(id.toString()))
                .map(mapper::toDomain);
    }

    /** One page of the agreement's versions, oldest first. */
    @WithSession
    public Uni<AgreementVersionPage> history(Caller caller, UUID id, int page, int size) {
        return agreements.findCurrent(id, caller.tenantScope())
                .onItem().ifNull().failWith(() -> new AgreementNotFoundException(id.toString()))
                .chain(ignored -> versions.countHistory(id))
                .chain(total -> versions.history(id, page, size)
                        .map(items -> new AgreementVersionPage(items, page, size, total)));
    }

    /** A page of the agreements the caller may see, newest first; a customer only its own tenant's. */
    @WithSession
    public Uni<AgreementPage> list(Caller caller, ListFilter filter, int page, int size) {
        Optional<String> scope = caller.tenantScope();
        return agreements.countCurrent(scope, filter)
                .chain(total -> agreements.listCurrent(scope, filter, page, size)
                        .map(rows -> new AgreementPage(rows.stream().map(mapper::toDomain).toList(), page, size,
                                total)));
    }

    /** A terminated agreement is final: its terms and windows no longer change. */
    private static void requireEditable(Agreement current) {
        if (current.status() == AgreementStatus.TERMINATED) {
            throw new LifecycleConflictException("a TERMINATED agreement cannot be changed; "
                    + Lifecycle.describe(AgreementStatus.TERMINATED));
        }
    }

    /** The current version, provided it is the one the caller expects. */
    private Uni<Agreement> current(Caller caller, UUID id, int expected) {
        return agreements.findCurrent(id, caller.tenantScope())
                .onItem().ifNull().failWith(() -> new AgreementNotFoundException(id.toString()))
                .map(mapper::toDomain)
                .invoke(current -> {
                    if (current.version() != expected) {
                        throw new VersionMismatchException(expected);
                    }
                });
    }

    /**
     * Writes version {@code current + 1} and its snapshot event. The conditional update of the
     * agreement row is the concurrency guard (see {@link AgreementRepository#advance}); the
     * primary key of the version row would refuse a duplicate too.
     */
    private Uni<Agreement> writeNextVersion(Caller caller, Agreement current, AgreementStatus status,
                                            AgreementTerms terms) {
        // Never before the previous version, so "the version in force at t" is well ordered even if
        // the clock stepped back.
        Instant now = now();
        if (now.isBefore(current.updatedAt())) {
            now = current.updatedAt();
        }
        Instant at = now;
        // Windows unchanged since the current version keep their announcement; new ones are announced now.
        AgreementTerms announced = terms.withExclusions(
                MaintenanceNotice.announce(terms.exclusions(), current.terms().exclusions(), at,
                        terms.timeZone()));
        Agreement next = new Agreement(current.id(), current.version() + 1, status, announced, current.createdAt(),
                current.createdBy(), at, caller.subject());
        return agreements.advance(next, current.version())
                .chain(n -> {
                    if (n == 0) {
                        throw new VersionMismatchException(current.version());
                    }
                    return versions.persist(mapper.toVersionEntity(next, caller.subject()));
                })
                .chain(() -> outbox.persist(events.snapshot(next, at)))
                .replaceWith(next);
    }

    /** Millisecond precision: what PostgreSQL stores (micros) and JSON shows must be the same instant. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
