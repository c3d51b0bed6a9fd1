package io.berth.scaling.api;

import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.ecs.rest.EcsExceptionMapper;
import io.berth.scaling.target.AasErrors;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors as Application Auto Scaling reports them: {@code {"__type": ..., "Message": ...}}. The
 * shared request parsing speaks ECS, so its InvalidParameterException and ClientException become
 * the ValidationException this API uses for every bad input. Takes precedence over the ECS mapper.
 */
@Provider
@Priority(Priorities.USER - 100)
public class AasExceptionMapper implements ExceptionMapper<EcsException> {

    @Override
    public Response toResponse(EcsException e) {
        String code = EcsErrors.INVALID_PARAMETER.equals(e.code()) || EcsErrors.CLIENT_EXCEPTION.equals(e.code())
                ? AasErrors.VALIDATION : e.code();
        return toResponse(code, e.getMessage(), e.status());
    }

    static Response toResponse(String code, String message, int status) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("__type", code);
        body.put("Message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .header(EcsExceptionMapper.ERROR_TYPE_HEADER, code).entity(body).build();
    }
}
