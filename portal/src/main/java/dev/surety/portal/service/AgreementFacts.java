package dev.surety.portal.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.surety.portal.service.CreditProjection.Schedule;
import dev.surety.portal.service.CreditProjection.Tier;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the services' JSON leniently: a field that is absent (an older or newer service) reads as
 * null, never as an error, so the page shows "—" for it.
 */
public final class AgreementFacts {

    private AgreementFacts() {
    }

    public static ZoneId zone(JsonNode agreement) {
        try {
            return ZoneId.of(agreement.path("timeZone").asText("UTC"));
        } catch (DateTimeException bad) {
            return ZoneId.of("UTC");
        }
    }

    public static Schedule schedule(JsonNode agreement) {
        JsonNode c = agreement.path("compensation");
        List<Tier> tiers = new ArrayList<>();
        for (JsonNode t : c.path("tiers")) {
            BigDecimal below = decimal(t, "belowPercent");
            BigDecimal credit = decimal(t, "creditPercent");
            if (below != null && credit != null) {
                tiers.add(new Tier(below, credit));
            }
        }
        return new Schedule(tiers, decimal(c, "monthlyFee"), c.path("currency").asText("EUR"), decimal(c, "capPercent"));
    }

    public static BigDecimal decimal(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        try {
            return v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    public static Instant instant(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isTextual()) {
            return v.isNumber() ? Instant.ofEpochMilli(v.asLong()) : null;
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException bad) {
            return null;
        }
    }

    public static Duration duration(String iso) {
        try {
            return iso == null ? null : Duration.parse(iso);
        } catch (DateTimeParseException notADuration) {
            return null;
        }
    }

    public static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    /** The status API's entry for one objective, if the detector knows it. */
    public static Optional<JsonNode> objectiveStatus(JsonNode status, String objectiveId) {
        for (JsonNode o : status.path("objectives")) {
            if (objectiveId.equals(o.path("objectiveId").asText())) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** Items of a page ({"items": [...]}) or a bare array. */
    public static List<JsonNode> items(JsonNode page) {
        List<JsonNode> out = new ArrayList<>();
        (page.isArray() ? page : page.path("items")).forEach(out::add);
        return out;
    }
}
