package io.berth.gateway.console;

/** What keeps a console page from being shown, with the HTTP status the page answers. */
public class ConsoleException extends RuntimeException {

    private final int status;

    public ConsoleException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
