package io.berth.ecs.query;

/**
 * An error of a Query-protocol API: its code ({@code ValidationError}, {@code AlreadyExists},
 * {@code InvalidLaunchTemplateName.NotFoundException}, …), message and HTTP status; the
 * {@link QueryDialect} writes it in its API's envelope. A client's fault is a {@code Sender} error.
 */
public class QueryException extends RuntimeException {

    public static final String VALIDATION_ERROR = "ValidationError";

    private final String code;
    private final int status;

    public QueryException(String code, String message) {
        this(code, message, 400);
    }

    public QueryException(String code, String message, int status) {
        super(message);
        this.code = code;
        this.status = status;
    }

    /** The common input error of Auto Scaling, naming what is wrong. */
    public static QueryException validation(String message) {
        return new QueryException(VALIDATION_ERROR, message);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** {@code Sender} for a client's fault, {@code Receiver} for the service's. */
    public String type() {
        return status < 500 ? "Sender" : "Receiver";
    }
}
