package dev.surety.detector.service;

import dev.surety.detector.ObjectiveState;
import dev.surety.detector.repository.DetectorStoreRepository;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.Measurement;
import dev.surety.events.ObjectiveSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/** Gathers an agreement and the live state of each of its objectives, tenant-scoped. */
@ApplicationScoped
public class StatusService {

    private final DetectorStoreRepository stores;

    StatusService(DetectorStoreRepository stores) {
        this.stores = stores;
    }

    /** An agreement with the state of its objectives (objectives without any measurement map to null). */
    public record AgreementState(AgreementSnapshot agreement, Map<String, ObjectiveState> objectives) {
    }

    /**
     * @throws AgreementNotFoundException when the agreement is unknown or belongs to another tenant
     */
    public AgreementState load(String agreementId, Viewer viewer) {
        AgreementSnapshot agreement = stores.agreement(agreementId)
                .filter(viewer::maySee)
                .orElseThrow(() -> new AgreementNotFoundException(agreementId));
        Map<String, ObjectiveState> states = new LinkedHashMap<>();
        for (ObjectiveSpec o : agreement.objectives()) {
            states.put(o.objectiveId(),
                    stores.objective(Measurement.key(agreementId, o.objectiveId())).orElse(null));
        }
        return new AgreementState(agreement, states);
    }
}
