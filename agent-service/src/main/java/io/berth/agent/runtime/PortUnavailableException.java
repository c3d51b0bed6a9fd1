package io.berth.agent.runtime;

/** A host port a task needs cannot be had; the message completes "CannotStartContainerError: ". */
final class PortUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    PortUnavailableException(String message) {
        super(message);
    }

    static PortUnavailableException inUse(int port) {
        return new PortUnavailableException("port " + port + " is already in use");
    }
}
