package io.berth.scaling.policy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Why a scaling activity did not scale, as AAS spells it in {@code NotScaledReasons}.
 *
 * @param code {@link #ALREADY_AT_MAX_CAPACITY}, {@link #ALREADY_AT_MIN_CAPACITY} or
 *     {@link #ALREADY_AT_DESIRED_CAPACITY}
 */
public record NotScaledReason(String code, int minCapacity, int maxCapacity, int currentCapacity) {

    public static final String ALREADY_AT_MAX_CAPACITY = "AlreadyAtMaxCapacity";
    public static final String ALREADY_AT_MIN_CAPACITY = "AlreadyAtMinCapacity";
    public static final String ALREADY_AT_DESIRED_CAPACITY = "AlreadyAtDesiredCapacity";

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("Code", code);
        json.put("MaxCapacity", maxCapacity);
        json.put("MinCapacity", minCapacity);
        json.put("CurrentCapacity", currentCapacity);
        return json;
    }
}
