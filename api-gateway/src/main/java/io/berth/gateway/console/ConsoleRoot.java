package io.berth.gateway.console;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * {@code GET /} opens the console. {@code POST /} stays the AWS JSON endpoint: only a browser's
 * GET is redirected, ahead of the REST layer, which knows {@code /} only as that endpoint.
 */
@Singleton
public class ConsoleRoot {

    void route(@Observes Router router) {
        router.get("/").order(Integer.MIN_VALUE).handler(context -> {
            String query = context.request().query();
            context.redirect("/console" + (query == null || query.isEmpty() ? "" : "?" + query));
        });
    }
}
