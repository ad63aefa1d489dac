package dev.surety.agreement;

import java.util.List;

/**
 * One page of agreements.
 *
 * @param page  zero-based page index
 * @param size  page size asked for
 * @param total number of agreements matching the query over all pages
 */
public record AgreementPage(List<Agreement> items, int page, int size, long total) {

    public AgreementPage {
        items = List.copyOf(items);
    }
}
