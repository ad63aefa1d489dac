package dev.surety.agreement.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Immutable agreement versions; only ever inserted. */
@ApplicationScoped
public class AgreementVersionRepository implements PanacheRepositoryBase<AgreementVersionEntity, AgreementVersionId> {
}
