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

    /**
     * How an API spells paging: the request's page size and token members (the response's token
     * member is the same), and the error of a token it did not hand out.
     */
    public record Paging(String maxResultsMember, String nextTokenMember, String invalidTokenCode,
            String invalidSizeCode) {

        /** The ECS spelling: {@code maxResults}, {@code nextToken}, InvalidParameterException. */
        public static final Paging ECS = new Paging("maxResults", "nextToken", EcsErrors.INVALID_PARAMETER,
                EcsErrors.INVALID_PARAMETER);
        /** The Application Auto Scaling spelling: {@code MaxResults}, {@code NextToken}. */
        public static final Paging AAS = new Paging("MaxResults", "NextToken", "InvalidNextTokenException",
                "ValidationException");
        /** The EC2 Auto Scaling spelling: {@code MaxRecords}, {@code NextToken}, InvalidNextToken. */
        public static final Paging AUTO_SCALING = new Paging("MaxRecords", "NextToken", "InvalidNextToken",
                "ValidationError");
    }

    public record Page<T>(List<T> items, String nextToken, String nextTokenMember) {

        public Page(List<T> items, String nextToken) {
            this(items, nextToken, Paging.ECS.nextTokenMember());
        }

        /** Puts the page into a list operation's answer: the items under {@code member}, then the token. */
        public ObjectNode writeTo(ObjectNode response, String member) {
            ArrayNode array = response.putArray(member);
            items.forEach(item -> array.add(EventJson.mapper().<JsonNode>valueToTree(item)));
            if (nextToken != null) {
                response.put(nextTokenMember, nextToken);
            }
            return response;
        }
    }

    /** The page of {@code sorted} that starts after the token's position. */
    public static <T> Page<T> page(List<T> sorted, EcsRequest request, int maxLimit, int defaultSize) {
        return page(sorted, request, maxLimit, defaultSize, Paging.ECS);
    }

    /** {@link #page(List, EcsRequest, int, int)} for an API that spells paging its own way. */
    public static <T> Page<T> page(List<T> sorted, EcsRequest request, int maxLimit, int defaultSize,
            Paging paging) {
        return page(sorted, request.integer(paging.maxResultsMember()), request.string(paging.nextTokenMember()),
                maxLimit, defaultSize, paging);
    }

    /** {@link #page(List, EcsRequest, int, int, Paging)} for a request that is not JSON: its size and token. */
    public static <T> Page<T> page(List<T> sorted, java.util.Optional<Integer> requestedSize,
            java.util.Optional<String> token, int maxLimit, int defaultSize, Paging paging) {
        int size = requestedSize.orElse(defaultSize);
        if (size < 1 || size > maxLimit) {
            throw new EcsException(paging.invalidSizeCode(), paging.maxResultsMember() + " must be between 1 and "
                    + maxLimit + ".");
        }
        int from;
        try {
            from = token.map(Pages::decode).orElse(0);
        } catch (EcsException e) {
            throw new EcsException(paging.invalidTokenCode(), "Invalid " + paging.nextTokenMember() + ".");
        }
        if (from > sorted.size()) {
            from = sorted.size();
        }
        int to = Math.min(sorted.size(), from + size);
        return new Page<>(List.copyOf(sorted.subList(from, to)), to < sorted.size() ? encode(to) : null,
                paging.nextTokenMember());
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
