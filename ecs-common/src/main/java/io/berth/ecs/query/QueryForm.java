package io.berth.ecs.query;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The body of a Query-protocol request, {@code application/x-www-form-urlencoded}, as its parameters. */
public final class QueryForm {

    private QueryForm() {
    }

    /**
     * The parameters of a form body; a parameter given twice keeps its first value, a parameter without
     * {@code =} is empty.
     */
    public static Map<String, String> parse(String body) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return parameters;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                parameters.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw QueryException.validation("The request body is not a valid form: " + e.getMessage());
            }
        }
        return parameters;
    }
}
