package dev.surety.agreement;

import java.util.List;

/**
 * One page of an agreement's history, oldest version first.
 *
 * @param total number of versions over all pages
 */
public record AgreementVersionPage(List<AgreementVersionSummary> items, int page, int size, long total) {

    public AgreementVersionPage {
        items = List.copyOf(items);
    }
}
