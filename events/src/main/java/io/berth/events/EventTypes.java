package io.berth.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of logical event type names, built by walking the sealed hierarchy of
 * {@link BerthEvent}: a new record is registered the moment it is permitted, and one without a
 * {@link JsonTypeName} or with a duplicate name fails here, at class initialisation.
 */
public final class EventTypes {

    /** Schema version written into every envelope; raise it with an upcaster for breaking changes. */
    public static final int CURRENT_SCHEMA_VERSION = 1;

    private static final Map<String, Class<? extends BerthEvent>> BY_NAME;
    private static final Map<Class<?>, String> BY_CLASS;

    static {
        Map<String, Class<? extends BerthEvent>> byName = new LinkedHashMap<>();
        Map<Class<?>, String> byClass = new LinkedHashMap<>();
        for (Class<? extends BerthEvent> type : leaves(BerthEvent.class)) {
            JsonTypeName name = type.getAnnotation(JsonTypeName.class);
            if (name == null || name.value().isBlank()) {
                throw new IllegalStateException(type.getName() + " has no @JsonTypeName");
            }
            Class<?> previous = byName.putIfAbsent(name.value(), type);
            if (previous != null) {
                throw new IllegalStateException("Event type name " + name.value() + " is used by both "
                        + previous.getName() + " and " + type.getName());
            }
            byClass.put(type, name.value());
        }
        BY_NAME = Collections.unmodifiableMap(byName);
        BY_CLASS = Collections.unmodifiableMap(byClass);
    }

    private EventTypes() {
    }

    /** Every concrete event record, in declaration order of the sealed hierarchy. */
    public static List<Class<? extends BerthEvent>> all() {
        return List.copyOf(BY_NAME.values());
    }

    public static String nameOf(Class<? extends BerthEvent> type) {
        String name = BY_CLASS.get(type);
        if (name == null) {
            throw new IllegalArgumentException("Not a registered event: " + type.getName());
        }
        return name;
    }

    public static String nameOf(BerthEvent event) {
        return nameOf(event.getClass());
    }

    public static Class<? extends BerthEvent> classOf(String name) {
        Class<? extends BerthEvent> type = BY_NAME.get(name);
        if (type == null) {
            throw new UnknownEventTypeException(name);
        }
        return type;
    }

    @SuppressWarnings("unchecked")
    static List<Class<? extends BerthEvent>> leaves(Class<?> root) {
        List<Class<? extends BerthEvent>> found = new ArrayList<>();
        if (!root.isSealed()) {
            found.add((Class<? extends BerthEvent>) root);
            return found;
        }
        for (Class<?> permitted : root.getPermittedSubclasses()) {
            found.addAll(leaves(permitted));
        }
        return found;
    }

    public static final class UnknownEventTypeException extends RuntimeException {
        public UnknownEventTypeException(String name) {
            super("Unknown event type: " + name);
        }
    }
}
