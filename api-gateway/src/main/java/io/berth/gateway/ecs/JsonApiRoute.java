package io.berth.gateway.ecs;

import io.berth.gateway.auth.SigV4Requests;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /} with an {@code X-Amz-Target}, the JSON 1.1 protocols every SDK and the CLI speak, taken
 * from Vert.x ahead of the REST layer and handed to {@link JsonApiEndpoint#json} as it is (issue 21, ADR
 * 0085). The endpoint's own work is unchanged; what this skips is the REST layer's per-call machinery
 * around it — its request context and CDI request scope, the resource's filters, the {@code Uni}'s and
 * the response's handlers, the writer's lookup — which a profile of scenario 3 found to be a sixth of the
 * gateway's CPU for a call that only forwards bytes. A request without a target (the Query protocol, or
 * a call naming no operation) goes on to {@link JsonApiEndpoint#call}, which answers it as before.
 */
@Singleton
public class JsonApiRoute {

    private static final String TARGET = "X-Amz-Target";

    private final JsonApiEndpoint endpoint;

    public JsonApiRoute(JsonApiEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * After Quarkus' own routes that bound a request (the body's size limit) and {@code InternalHeaders},
     * before the REST layer's.
     */
    void route(@Observes Router router) {
        router.post("/").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
    }

    private void handle(RoutingContext routing) {
        String target = routing.request().getHeader(TARGET);
        if (target == null) {
            routing.next();
            return;
        }
        // The request arrives paused (Quarkus and the router hold its data until a handler asks for it): ask, then
        // resume it, or its body never comes.
        routing.request().bodyHandler(body -> {
            byte[] bytes = body.getBytes();
            Context context = Vertx.currentContext();
            endpoint.json(target, SigV4Requests.of(routing.request(), bytes), bytes).subscribe().with(
                    answer -> onContext(context, () -> write(routing.response(), answer)),
                    failure -> onContext(context, () -> routing.fail(failure)));
        });
        routing.request().resume();
    }

    /** A worker's answer is written from the event loop the request came in on, as the REST layer writes it. */
    private static void onContext(Context context, Runnable write) {
        if (context == null || Context.isOnEventLoopThread() && Vertx.currentContext() == context) {
            write.run();
        } else {
            context.runOnContext(ignored -> write.run());
        }
    }

    /** The endpoint's answer as it is: status, headers (its content type among them) and its bytes. */
    static void write(HttpServerResponse response, Response answer) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(answer.getStatus());
        for (Map.Entry<String, List<String>> header : answer.getStringHeaders().entrySet()) {
            response.putHeader(header.getKey(), header.getValue());
        }
        Object entity = answer.getEntity();
        response.end(entity == null ? Buffer.buffer() : Buffer.buffer((byte[]) entity));
    }
}
