package io.berth.eventstore;

/** The database failed underneath the event store. */
public class EventStoreException extends RuntimeException {

    public EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
