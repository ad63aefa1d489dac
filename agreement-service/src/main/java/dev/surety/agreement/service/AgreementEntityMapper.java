package dev.surety.agreement.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.surety.agreement.Agreement;
import dev.surety.agreement.AgreementTerms;
import dev.surety.agreement.repository.AgreementEntity;
import dev.surety.agreement.repository.AgreementRow;
import dev.surety.agreement.repository.AgreementVersionEntity;
import dev.surety.agreement.repository.AgreementVersionId;
import dev.surety.events.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/**
 * Maps agreements to their rows and back. The terms document uses the event codec, so it has the
 * same JSON shape (ISO-8601 durations and instants, exact decimals) as the snapshot events.
 */
@ApplicationScoped
public class AgreementEntityMapper {

    public AgreementEntity toEntity(Agreement a) {
        AgreementEntity e = new AgreementEntity();
        e.id = a.id();
        e.tenant = a.terms().tenant();
        e.name = a.terms().name();
        e.provider = a.terms().provider();
        e.service = a.terms().service();
        e.status = a.status();
        e.currentVersion = a.version();
        e.createdAt = a.createdAt();
        e.createdBy = a.createdBy();
        e.updatedAt = a.updatedAt();
        return e;
    }

    /** The immutable version row of the agreement's current version. */
    public AgreementVersionEntity toVersionEntity(Agreement a, String author) {
        AgreementVersionEntity v = new AgreementVersionEntity();
        v.id = new AgreementVersionId(a.id(), a.version());
        v.status = a.status();
        v.terms = encode(a.terms());
        v.createdAt = a.updatedAt();
        v.createdBy = author;
        return v;
    }

    public Agreement toDomain(AgreementRow row) {
        AgreementEntity a = row.agreement();
        AgreementVersionEntity v = row.version();
        return new Agreement(a.id, v.id.version, v.status, decode(v.terms), a.createdAt, a.createdBy, v.createdAt,
                v.createdBy);
    }

    static String encode(AgreementTerms terms) {
        try {
            return EventCodec.mapper().writeValueAsString(terms);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode agreement terms", e);
        }
    }

    static AgreementTerms decode(String json) {
        return EventCodec.decode(json.getBytes(StandardCharsets.UTF_8), AgreementTerms.class);
    }
}
