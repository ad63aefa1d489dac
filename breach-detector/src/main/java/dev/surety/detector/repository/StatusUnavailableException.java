package dev.surety.detector.repository;

/** The state stores cannot be queried right now (Kafka Streams starting, rebalancing or stopped). */
public class StatusUnavailableException extends RuntimeException {

    public StatusUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
