package io.berth.placement;

import java.util.Objects;
import java.util.Optional;

/** An entry of a task definition's {@code requiresAttributes}: a name and, optionally, a value. */
public record RequiredAttribute(String name, Optional<String> value) {

    public RequiredAttribute {
        Objects.requireNonNull(name, "name");
        value = value == null ? Optional.empty() : value;
    }

    public static RequiredAttribute named(String name) {
        return new RequiredAttribute(name, Optional.empty());
    }

    public static RequiredAttribute of(String name, String value) {
        return new RequiredAttribute(name, Optional.ofNullable(value));
    }

    boolean satisfiedBy(InstanceState instance) {
        String actual = instance.attributes().get(name);
        return actual != null && (value.isEmpty() || value.get().equals(actual));
    }
}
