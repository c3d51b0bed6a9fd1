package io.berth.gateway.auth;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;

/** A request as SigV4 reads it: from the REST layer's view of it, or from Vert.x's. */
public final class SigV4Requests {

    private SigV4Requests() {
    }

    public static SigV4.Request of(String method, UriInfo uri, HttpHeaders headers, byte[] body) {
        Map<String, List<String>> lowerCase = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> lowerCase.merge(name.toLowerCase(Locale.ROOT),
                List.copyOf(values), (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
        return new SigV4.Request(method, uri.getRequestUri().getRawPath(), uri.getRequestUri().getRawQuery(),
                lowerCase, body);
    }

    /** The same request as Vert.x received it: its raw path and query, its headers by lower-case name in order. */
    public static SigV4.Request of(HttpServerRequest request, byte[] body) {
        Map<String, List<String>> lowerCase = new HashMap<>();
        for (Entry<String, String> header : request.headers()) {
            lowerCase.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), name -> new ArrayList<>(1))
                    .add(header.getValue());
        }
        return new SigV4.Request(request.method().name(), request.path(), request.query(), lowerCase, body);
    }
}
