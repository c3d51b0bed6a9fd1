package io.berth.gateway.auth;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A JAX-RS request as SigV4 reads it. */
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
}
