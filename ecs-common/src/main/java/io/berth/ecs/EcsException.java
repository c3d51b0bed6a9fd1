package io.berth.ecs;

/**
 * An error as the ECS API reports it: the {@code __type} code, the message, and the HTTP status
 * (400 for every client error; 500 only for {@code ServerException}).
 */
public class EcsException extends RuntimeException {

    private final String code;
    private final int status;

    public EcsException(String code, String message) {
        this(code, message, 400);
    }

    public EcsException(String code, String message, int status) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
