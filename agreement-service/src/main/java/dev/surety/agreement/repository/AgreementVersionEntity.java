package dev.surety.agreement.repository;

import dev.surety.events.AgreementStatus;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Immutable;

/**
 * One immutable version of an agreement. {@code terms} is the JSON document of the version's terms
 * (see {@code dev.surety.agreement.AgreementTerms}), encoded by the service with the event codec.
 * It crosses the driver as text and is cast to and from {@code jsonb} in SQL: the reactive driver's
 * own JSON mapping parses numbers as doubles, which would change a decimal's scale or precision
 * (and a parameter typed jsonb would take the text as one JSON string, hence the double cast).
 */
@Entity
@Immutable
@Table(name = "agreement_version")
public class AgreementVersionEntity {

    @EmbeddedId
    public AgreementVersionId id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AgreementStatus status;

    @ColumnTransformer(read = "cast(terms as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false)
    public String terms;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;
}
