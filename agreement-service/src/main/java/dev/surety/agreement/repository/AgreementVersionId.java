package dev.surety.agreement.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Key of one agreement version: the agreement and its version number. */
@Embeddable
public class AgreementVersionId implements Serializable {

    @Column(name = "agreement_id", nullable = false)
    public UUID agreementId;

    @Column(nullable = false)
    public int version;

    public AgreementVersionId() {
    }

    public AgreementVersionId(UUID agreementId, int version) {
        this.agreementId = agreementId;
        this.version = version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgreementVersionId other && version == other.version
                && Objects.equals(agreementId, other.agreementId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(agreementId, version);
    }
}
