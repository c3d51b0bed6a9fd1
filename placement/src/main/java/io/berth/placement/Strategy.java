package io.berth.placement;

import io.berth.ecs.EcsErrors;

/**
 * An ECS placement strategy ({@code placementStrategy[]} item). A list of strategies is read as
 * "the first decides, the later ones break its ties"; each strategy scores a candidate, lower is
 * better.
 */
public sealed interface Strategy permits Strategy.Binpack, Strategy.Spread, Strategy.Random {

    /** The field name of the instance-id spread; {@code host} is its alias. */
    String INSTANCE_ID = "instanceId";
    String ATTRIBUTE_PREFIX = "attribute:";

    /** {@code binpack}: the instance with the least of the resource left that still fits. */
    record Binpack(Resource resource) implements Strategy {
        @Override
        public String describe() {
            return "binpack " + resource.field();
        }
    }

    /**
     * {@code spread}: the value of the field with the fewest tasks of the group; {@code attribute}
     * is empty for {@code instanceId}.
     */
    record Spread(String attribute) implements Strategy {
        public boolean byInstance() {
            return attribute.isEmpty();
        }

        @Override
        public String describe() {
            return "spread " + (byInstance() ? INSTANCE_ID : ATTRIBUTE_PREFIX + attribute);
        }
    }

    /** {@code random}: a seeded random order of the candidates. */
    record Random() implements Strategy {
        @Override
        public String describe() {
            return "random";
        }
    }

    enum Resource {
        CPU("cpu"),
        MEMORY("memory");

        private final String field;

        Resource(String field) {
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** The strategy as ECS writes it, e.g. {@code spread attribute:ecs.availability-zone}. */
    String describe();

    static Strategy binpack(Resource resource) {
        return new Binpack(resource);
    }

    static Strategy spreadInstances() {
        return new Spread("");
    }

    static Strategy spreadAttribute(String attribute) {
        return new Spread(attribute);
    }

    static Strategy random() {
        return new Random();
    }

    /**
     * Parses one {@code {type, field}} item as the API gives it.
     *
     * @throws io.berth.ecs.EcsException InvalidParameterException for an unknown type or field
     */
    static Strategy of(String type, String field) {
        if (type == null || type.isBlank()) {
            throw EcsErrors.invalidParameter("Placement strategy type can not be blank.");
        }
        switch (type) {
            case "random":
                // ECS documents the field as unused for random, so it is ignored, not rejected.
                return random();
            case "binpack":
                if (field != null) {
                    for (Resource r : Resource.values()) {
                        if (r.field().equalsIgnoreCase(field)) {
                            return binpack(r);
                        }
                    }
                }
                throw EcsErrors.invalidParameter(
                        "Invalid placement strategy field '" + field + "' for binpack. Valid values are cpu and memory.");
            case "spread":
                if (field != null) {
                    if (field.equalsIgnoreCase(INSTANCE_ID) || field.equalsIgnoreCase("host")) {
                        return spreadInstances();
                    }
                    if (field.startsWith(ATTRIBUTE_PREFIX) && field.length() > ATTRIBUTE_PREFIX.length()) {
                        return spreadAttribute(field.substring(ATTRIBUTE_PREFIX.length()));
                    }
                }
                throw EcsErrors.invalidParameter("Invalid placement strategy field '" + field
                        + "' for spread. Valid values are instanceId, host and attribute:<name>.");
            default:
                throw EcsErrors.invalidParameter("Invalid placement strategy type '" + type
                        + "'. Valid values are random, spread and binpack.");
        }
    }
}
