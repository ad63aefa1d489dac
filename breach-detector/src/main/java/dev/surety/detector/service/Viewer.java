package dev.surety.detector.service;

import dev.surety.events.AgreementSnapshot;

/**
 * Who asks: staff roles see every tenant; a customer sees only agreements of its own tenant.
 *
 * @param allTenants whether the caller holds a cross-tenant role
 * @param tenant     the caller's tenant claim, may be null
 */
public record Viewer(boolean allTenants, String tenant) {

    public boolean maySee(AgreementSnapshot agreement) {
        return allTenants || (tenant != null && tenant.equals(agreement.tenant()));
    }
}
