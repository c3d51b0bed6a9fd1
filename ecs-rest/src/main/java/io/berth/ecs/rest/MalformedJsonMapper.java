package io.berth.ecs.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.ecs.EcsRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that is not JSON is the client's error, as the ECS API reports it. */
@Provider
public class MalformedJsonMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException e) {
        return EcsExceptionMapper.toResponse(EcsRequest.SERIALIZATION_EXCEPTION,
                "The request body is not valid JSON: " + e.getOriginalMessage(), 400);
    }
}
