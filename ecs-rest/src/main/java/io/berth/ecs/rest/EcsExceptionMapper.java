package io.berth.ecs.rest;

import io.berth.ecs.EcsException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns an {@link EcsException} into the ECS error body {@code {"__type": ..., "message": ...}} with
 * the {@code x-amzn-ErrorType} header, so that an owner's error reaches the client unchanged. The
 * owners' internal API speaks {@code application/json}; the gateway answers clients in
 * {@value #AMZ_JSON}.
 */
@Provider
public class EcsExceptionMapper implements ExceptionMapper<EcsException> {

    public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
    public static final String AMZ_JSON = "application/x-amz-json-1.1";

    @Override
    public Response toResponse(EcsException e) {
        return toResponse(e.code(), e.getMessage(), e.status());
    }

    public static Response toResponse(String code, String message, int status) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("__type", code);
        body.put("message", message);
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(ERROR_TYPE_HEADER, code)
                .entity(body)
                .build();
    }
}
