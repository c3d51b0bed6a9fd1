package io.berth.cluster.infra;

import io.berth.ecs.EcsExceptionMapper;
import io.berth.eventstore.StreamVersionConflictException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A resource that kept changing under the retries: the ECS answer for a concurrent update. */
@Provider
public class EventStoreErrors implements ExceptionMapper<StreamVersionConflictException> {

    @Override
    public Response toResponse(StreamVersionConflictException e) {
        return EcsExceptionMapper.toResponse("UpdateInProgressException",
                "There is already a current update in progress for this resource. Try again later.", 400);
    }
}
