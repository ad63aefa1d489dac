package dev.surety.detector.alerting;

/**
 * Counts what happened to notifications. {@code trigger} is {@code event} (an event from the
 * breaches topic) or {@code resend} (an open alert sent to Alertmanager again).
 */
public interface AlertMetrics {

    /** Failure reasons. */
    String REJECTED = "rejected";
    String EXHAUSTED = "exhausted";
    String UNREADABLE = "unreadable";

    String EVENT = "event";
    String RESEND = "resend";

    /** A target accepted a notification (2xx). */
    void delivered(AlertTarget.Type target, String trigger);

    /** A notification was given up: rejected (4xx but 408/425/429), retries exhausted, or an unreadable event. */
    void failed(String target, String trigger, String reason);

    /** An attempt failed and another one is scheduled. */
    void retried(AlertTarget.Type target);

    /** Counts nothing: for tests that do not look at metrics. */
    AlertMetrics NONE = new AlertMetrics() {
        @Override
        public void delivered(AlertTarget.Type target, String trigger) {
        }

        @Override
        public void failed(String target, String trigger, String reason) {
        }

        @Override
        public void retried(AlertTarget.Type target) {
        }
    };
}
