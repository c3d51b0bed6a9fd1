package io.berth.ecs.rest;

import io.berth.ecs.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.UUID;

/**
 * The caller of the current request (account and region from the gateway's headers) and the
 * request id that becomes the correlation id of the events it causes.
 */
@RequestScoped
public class CallerContext {

    public static final String REQUEST_ID_HEADER = "X-Berth-Request-Id";

    private final Caller caller;
    private final UUID requestId;

    public CallerContext(HttpHeaders headers) {
        this.caller = Caller.of(headers.getHeaderString(Caller.ACCOUNT_HEADER),
                headers.getHeaderString(Caller.REGION_HEADER));
        this.requestId = parse(headers.getHeaderString(REQUEST_ID_HEADER));
    }

    public Caller caller() {
        return caller;
    }

    /** The gateway's request id; it becomes the correlation id of the events the request causes. */
    public UUID requestId() {
        return requestId;
    }

    private static UUID parse(String id) {
        try {
            return id == null ? UUID.randomUUID() : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return UUID.randomUUID();
        }
    }
}
