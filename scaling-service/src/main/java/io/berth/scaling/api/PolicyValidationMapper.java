package io.berth.scaling.api;

import io.berth.scaling.policy.ScalingValidationException;
import io.berth.scaling.target.AasErrors;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A policy configuration or schedule the rules refuse is the client's ValidationException. */
@Provider
public class PolicyValidationMapper implements ExceptionMapper<ScalingValidationException> {

    @Override
    public Response toResponse(ScalingValidationException e) {
        return AasExceptionMapper.toResponse(AasErrors.VALIDATION, e.getMessage(), 400);
    }
}
