package dev.surety.agreement.rest;

/** Request bodies shown in the OpenAPI document (kept valid by a test that posts them). */
final class OpenApiExamples {

    private OpenApiExamples() {
    }

    /** A cloud-provider style agreement (modelled on public compute SLAs): every part of the model used once. */
    static final String AGREEMENT = """
            {
              "name": "Compute API service commitment",
              "description": "Monthly uptime of the compute API in region eu-central-1, as in the provider's public SLA",
              "customer": "acme",
              "customerName": "ACME Corporation",
              "provider": "surety-cloud",
              "service": "compute-api",
              "timeZone": "UTC",
              "effectiveFrom": "2026-01-01T00:00:00Z",
              "objectives": [
                {
                  "id": "region-uptime",
                  "name": "Monthly uptime percentage",
                  "description": "Share of 1-minute slices in which the regional health probe succeeded",
                  "sliKind": "TIME_SLICE",
                  "selector": {"source": "synthetic-probes", "service": "compute-api", "metric": "probe_success",
                               "labels": {"region": "eu-central-1"}},
                  "comparison": "GE",
                  "bound": 1,
                  "slice": "PT1M",
                  "target": 99.99,
                  "period": "CALENDAR_MONTH",
                  "window": "PT5M",
                  "threshold": 99,
                  "holdTime": "PT5M",
                  "noData": "BAD",
                  "noDataAfter": "PT5M"
                },
                {
                  "id": "api-success",
                  "name": "Successful API requests",
                  "sliKind": "RATIO",
                  "selector": {"service": "compute-api", "metric": "http_requests"},
                  "target": 99.9,
                  "window": "PT5M",
                  "threshold": 99,
                  "burnRateRules": [
                    {"name": "page-fast", "factor": 14.4, "longWindow": "PT1H", "shortWindow": "PT5M", "severity": "page"},
                    {"name": "page-slow", "factor": 6, "longWindow": "PT6H", "shortWindow": "PT30M", "severity": "page"},
                    {"name": "ticket", "factor": 1, "longWindow": "P3D", "shortWindow": "PT6H", "severity": "ticket"}
                  ]
                },
                {
                  "id": "api-latency-p99",
                  "name": "API latency (p99)",
                  "sliKind": "PERCENTILE",
                  "selector": {"service": "compute-api", "metric": "http_request_duration_ms"},
                  "comparison": "LE",
                  "bound": 300,
                  "percentile": 99,
                  "target": 99.5,
                  "period": "P30D",
                  "window": "PT10M"
                }
              ],
              "exclusions": {
                "maintenanceWindows": [
                  {"windowId": "sunday-patching", "title": "Weekly host patching", "start": "2026-01-04T02:00:00Z",
                   "duration": "PT2H", "rrule": "FREQ=WEEKLY;BYDAY=SU", "timeZone": "Europe/Berlin"}
                ],
                "minimumNotice": "P7D",
                "excludedCauses": ["customer", "force-majeure"]
              },
              "compensation": {
                "monthlyFee": 25000.00,
                "currency": "USD",
                "tiers": [
                  {"belowPercent": 99.99, "creditPercent": 10},
                  {"belowPercent": 99.0, "creditPercent": 30},
                  {"belowPercent": 95.0, "creditPercent": 100}
                ],
                "capPercent": 100,
                "claimRequired": true,
                "claimWindowDays": 60,
                "minimumCredit": 1.00,
                "aggregation": "HIGHEST"
              },
              "responsibilities": {
                "measuredBy": "Provider, with synthetic probes from three availability zones",
                "reportedBy": "Provider, on the customer's health dashboard",
                "reporting": "Monthly statement within 5 business days of the month's end",
                "customer": "Retry failed requests with exponential backoff; run across two availability zones"
              },
              "securityTerms": "Customer data is encrypted at rest (AES-256) and in transit (TLS 1.2 or later).",
              "status": "ACTIVE"
            }
            """;

    /** A recurring maintenance window. */
    static final String WINDOW = """
            {
              "windowId": "db-upgrade",
              "title": "PostgreSQL major upgrade",
              "start": "2026-12-06T01:00:00Z",
              "duration": "PT3H",
              "rrule": "FREQ=MONTHLY;BYDAY=1SU;COUNT=3",
              "timeZone": "Europe/Berlin"
            }
            """;

    /** OpenSLO documents of a one-objective agreement, for POST /v1/agreements/import. */
    static final String OPENSLO = """
            apiVersion: openslo/v1
            kind: Service
            metadata:
              name: checkout-api
            ---
            apiVersion: openslo/v1
            kind: SLO
            metadata:
              name: availability
              displayName: Checkout availability
            spec:
              service: checkout-api
              indicator:
                metadata:
                  name: checkout-requests
                spec:
                  ratioMetric:
                    counter: false
                    good:
                      metricSource:
                        type: Surety
                        spec:
                          service: checkout-api
                          metric: http_requests
                    total:
                      metricSource:
                        type: Surety
                        spec:
                          service: checkout-api
                          metric: http_requests
              timeWindow:
                - duration: 1M
                  isRolling: false
                  calendar:
                    startTime: 2026-01-01 00:00:00
                    timeZone: Europe/Berlin
              budgetingMethod: Occurrences
              objectives:
                - targetPercent: 99.9
            ---
            apiVersion: surety.dev/v1
            kind: Agreement
            metadata:
              name: checkout-sla
              displayName: Checkout API availability
            spec:
              customer: acme
              provider: Surety Cloud GmbH
              timeZone: Europe/Berlin
              effectiveFrom: 2026-01-01T00:00:00Z
              objectives:
                - slo: availability
                  window: PT5M
                  threshold: 99
              compensation:
                monthlyFee: 1000.00
                currency: EUR
                tiers:
                  - belowPercent: 99.9
                    creditPercent: 10
                  - belowPercent: 99.0
                    creditPercent: 25
            """;
}
