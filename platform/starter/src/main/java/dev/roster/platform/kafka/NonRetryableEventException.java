package dev.roster.platform.kafka;

/** Thrown by a handler for an event that can never be applied: it goes straight to the dead-letter topic. */
public class NonRetryableEventException extends RuntimeException {

    public NonRetryableEventException(String message) {
        super(message);
    }

    public NonRetryableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
