package io.berth.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.EventJson;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The frame of the ECS operations that take a list of resources and answer each one
 * (DescribeTasks, DescribeServices, DescribeClusters, DescribeContainerInstances,
 * UpdateContainerInstancesState): the list checked, then per resource its item or a
 * {@code MISSING} failure naming its ARN.
 */
public final class Batch {

    public static final String MISSING = "MISSING";

    private Batch() {
    }

    /** The resources a request names in {@code member}: at least one, at most {@code max}. */
    public static List<String> asked(EcsRequest request, String member, int max) {
        return asked(request, member, max, member + " can not be blank.");
    }

    /**
     * {@link #asked(EcsRequest, String, int)} where ECS has its own words for an empty list
     * ({@code InvalidParameterException} with {@code emptyMessage}).
     */
    public static List<String> asked(EcsRequest request, String member, int max, String emptyMessage) {
        List<String> asked = upTo(request, member, max);
        if (asked.isEmpty()) {
            throw EcsErrors.invalidParameter(emptyMessage);
        }
        return asked;
    }

    /** The resources a request names in {@code member}, if any: at most {@code max}. */
    public static List<String> upTo(EcsRequest request, String member, int max) {
        List<String> asked = request.strings(member);
        if (asked.size() > max) {
            throw EcsErrors.invalidParameter(member + " can have at most " + max + " items.");
        }
        return asked;
    }

    /**
     * {@code {"<itemsMember>": [...], "failures": [...]}}: for each ARN, in order, what {@code item}
     * answers, or a {@code MISSING} failure.
     */
    public static ObjectNode answer(String itemsMember, List<String> arns,
            Function<String, Optional<? extends JsonNode>> item) {
        ObjectNode response = EventJson.mapper().createObjectNode();
        ArrayNode items = response.putArray(itemsMember);
        ArrayNode failures = response.putArray("failures");
        for (String arn : arns) {
            Optional<? extends JsonNode> found = item.apply(arn);
            if (found.isPresent()) {
                items.add(found.get());
            } else {
                failures.addObject().put("arn", arn).put("reason", MISSING);
            }
        }
        return response;
    }
}
