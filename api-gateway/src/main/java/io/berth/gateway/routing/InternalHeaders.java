package io.berth.gateway.routing;

import io.berth.eventstore.Position;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The read-your-writes header ({@link Position#AWAIT_HEADER}) is the gateway's to send to its owners,
 * never a client's to send to the gateway: it is dropped from every request, ahead of the REST layer.
 * The owners' filter that waits for it ({@code ReadYourWritesFilter}) is on the gateway's classpath
 * too, and since the gateway answers most calls on its event loops (ADR 0065) a client's header would
 * otherwise make a loop wait.
 */
@Singleton
public class InternalHeaders {

    void route(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.request().headers().remove(Position.AWAIT_HEADER);
            context.next();
        });
    }
}
