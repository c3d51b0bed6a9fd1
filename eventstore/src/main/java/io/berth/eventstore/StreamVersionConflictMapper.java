package io.berth.eventstore;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A resource that kept changing under the retries: the ECS answer for a concurrent update. */
@Provider
public class StreamVersionConflictMapper implements ExceptionMapper<StreamVersionConflictException> {

    static final String CODE = "UpdateInProgressException";

    @Override
    public Response toResponse(StreamVersionConflictException e) {
        // The ECS error shape, written here so that the event store needs nothing of the ECS modules.
        return Response.status(400).type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                .header("x-amzn-ErrorType", CODE)
                .entity(java.util.Map.of("__type", CODE, "message",
                        "There is already a current update in progress for this resource. Try again later."))
                .build();
    }
}
