package io.berth.eventstore;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Collection;
import java.util.Map;

/**
 * Read your writes at a service's HTTP edge (ADR 0033): a call that names positions
 * ({@link Position#AWAIT_HEADER}) is answered once this service has applied them, and the answer to
 * a call from the gateway names the positions the call wrote ({@link Position#WRITTEN_HEADER}).
 * Filters of a blocking resource run on its worker thread, so the wait holds no event loop.
 */
@Provider
public class ReadYourWritesFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** The gateway names each call it forwards; only its calls are told their positions. */
    static final String GATEWAY_REQUEST_HEADER = "X-Berth-Request-Id";

    @Inject
    AppliedPositions applied;

    @Inject
    WrittenPositions written;

    @Override
    public void filter(ContainerRequestContext request) {
        String awaited = request.getHeaderString(Position.AWAIT_HEADER);
        if (awaited != null) {
            applied.await(Position.parse(awaited));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getHeaderString(GATEWAY_REQUEST_HEADER) == null) {
            return;
        }
        Collection<Position> positions = written.latest();
        if (!positions.isEmpty()) {
            response.getHeaders().putSingle(Position.WRITTEN_HEADER, Position.format(positions));
        }
    }

    /**
     * Not yet applied within the bound: this service's consumers are behind, so the call is shed the
     * way an overloaded AWS endpoint sheds one, a 400 {@code ThrottlingException} the SDKs retry with
     * back-off (ADR 0033, "under load"). Not a 5xx: nothing is broken, and a 5xx would also be retried
     * at once by the gateway, holding its worker for another wait.
     */
    @Provider
    public static class NotAppliedMapper implements ExceptionMapper<PositionsNotAppliedException> {

        static final String CODE = "ThrottlingException";

        @Override
        public Response toResponse(PositionsNotAppliedException e) {
            return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).header("x-amzn-ErrorType", CODE)
                    .entity(Map.of("__type", CODE, "message", "Rate exceeded. " + e.getMessage())).build();
        }
    }
}
