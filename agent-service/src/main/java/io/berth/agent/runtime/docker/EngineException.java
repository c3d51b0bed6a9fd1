package io.berth.agent.runtime.docker;

/** The engine refused a call (its HTTP status and message) or could not be reached (status 0). */
public final class EngineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public EngineException(int status, String message) {
        super(message);
        this.status = status;
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status of the engine's answer; 0 when there was none. */
    public int status() {
        return status;
    }

    public boolean notFound() {
        return status == 404;
    }
}
