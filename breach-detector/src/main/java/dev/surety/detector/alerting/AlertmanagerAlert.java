package dev.surety.detector.alerting;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One alert of Alertmanager's v2 API ({@code POST /api/v2/alerts} takes an array of them). The
 * labels are the alert's identity: a resolution or a re-send must carry exactly the same labels.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertmanagerAlert(
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        Instant endsAt,
        @JsonProperty("generatorURL") String generatorUrl) {
}
