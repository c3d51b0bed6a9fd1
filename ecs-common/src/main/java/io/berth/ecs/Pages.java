package io.berth.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * ECS pagination: an opaque {@code nextToken} (the position after the last item returned) and
 * {@code maxResults} within the operation's range.
 */
public final class Pages {

    private static final String PREFIX = "berth:";

    private Pages() {
    }

    public record Page<T>(List<T> items, String nextToken) {

        /** Puts the page into a list operation's answer: the items under {@code member}, then nextToken. */
        public ObjectNode writeTo(ObjectNode response, String member) {
            ArrayNode array = response.putArray(member);
            items.forEach(item -> array.add(EventJson.mapper().<JsonNode>valueToTree(item)));
            if (nextToken != null) {
                response.put("nextToken", nextToken);
            }
            return response;
        }
    }

    /** The page of {@code sorted} that starts after the token's position. */
    public static <T> Page<T> page(List<T> sorted, EcsRequest request, int maxLimit, int defaultSize) {
        int size = request.integer("maxResults").orElse(defaultSize);
        if (size < 1 || size > maxLimit) {
            throw EcsErrors.invalidParameter("maxResults must be between 1 and " + maxLimit + ".");
        }
        int from = request.string("nextToken").map(Pages::decode).orElse(0);
        if (from > sorted.size()) {
            from = sorted.size();
        }
        int to = Math.min(sorted.size(), from + size);
        return new Page<>(List.copyOf(sorted.subList(from, to)), to < sorted.size() ? encode(to) : null);
    }

    static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    static int decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith(PREFIX)) {
                throw new IllegalArgumentException(token);
            }
            int offset = Integer.parseInt(text.substring(PREFIX.length()));
            if (offset < 0) {
                throw new IllegalArgumentException(token);
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw EcsErrors.invalidParameter("Invalid nextToken.");
        }
    }
}
