package dev.surety.credit.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of claims. */
@Schema(name = "ClaimPage")
public record ClaimPage(List<ClaimView> items, int page, int size, long total) {
}
