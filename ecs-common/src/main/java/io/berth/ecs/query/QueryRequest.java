package io.berth.ecs.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parameters of one Query-protocol request, flat as the form carried them
 * ({@code LaunchTemplate.LaunchTemplateName=lt}, {@code AvailabilityZones.member.1=us-east-1a}), read
 * as typed values; a nested structure or list item is a {@code QueryRequest} of its own, whose names
 * are relative to it. Every refusal is a {@link QueryException#validation} naming the parameter by its
 * full name.
 */
public final class QueryRequest {

    private final QueryDialect dialect;
    private final Map<String, String> parameters;
    private final String prefix;

    QueryRequest(QueryDialect dialect, Map<String, String> parameters, String prefix) {
        this.dialect = dialect;
        this.parameters = Map.copyOf(parameters);
        this.prefix = prefix;
    }

    public QueryDialect dialect() {
        return dialect;
    }

    /** The full name of a parameter of this request or structure, as errors name it. */
    public String nameOf(String name) {
        return prefix + name;
    }

    public boolean has(String name) {
        return parameters.containsKey(prefix + name);
    }

    public Optional<String> string(String name) {
        return Optional.ofNullable(parameters.get(prefix + name));
    }

    public String required(String name) {
        String value = parameters.get(prefix + name);
        if (value == null || value.isEmpty()) {
            throw QueryException.validation("1 validation error detected: Value null at '" + nameOf(name)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    public Optional<Integer> integer(String name) {
        return string(name).map(value -> {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw QueryException.validation("Value '" + value + "' at '" + nameOf(name)
                        + "' is not a valid integer.");
            }
        });
    }

    public int requiredInteger(String name) {
        required(name);
        return integer(name).orElseThrow();
    }

    public Optional<Boolean> bool(String name) {
        return string(name).map(value -> switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw QueryException.validation("Value '" + value + "' at '" + nameOf(name)
                    + "' is not a valid boolean.");
        });
    }

    /** A list of strings ({@code Name.member.N} or {@code Name.N}), in index order. */
    public List<String> strings(String name) {
        List<String> values = new ArrayList<>();
        items(name).forEach((index, key) -> values.add(parameters.get(key)));
        return values;
    }

    /** A list of structures ({@code Name.member.N.Child=…}), in index order. */
    public List<QueryRequest> structures(String name) {
        List<QueryRequest> values = new ArrayList<>();
        items(name).forEach((index, key) -> values.add(new QueryRequest(dialect, parameters, key + ".")));
        return values;
    }

    /** A nested structure ({@code Name.Child=…}), if the request carries any of its members. */
    public Optional<QueryRequest> structure(String name) {
        String nested = prefix + name + ".";
        boolean present = parameters.keySet().stream().anyMatch(key -> key.startsWith(nested));
        return present ? Optional.of(new QueryRequest(dialect, parameters, nested)) : Optional.empty();
    }

    /** The items of a list by their 1-based index, each as the key (or key prefix) that holds it. */
    private TreeMap<Integer, String> items(String name) {
        String list = prefix + name + dialect.listInfix();
        TreeMap<Integer, String> items = new TreeMap<>();
        for (String key : parameters.keySet()) {
            if (!key.startsWith(list)) {
                continue;
            }
            String rest = key.substring(list.length());
            int end = rest.indexOf('.');
            String index = end < 0 ? rest : rest.substring(0, end);
            try {
                int position = Integer.parseInt(index);
                if (position < 1) {
                    throw new NumberFormatException(index);
                }
                items.put(position, list + index);
            } catch (NumberFormatException e) {
                throw QueryException.validation("Parameter " + key + " has no valid list index.");
            }
        }
        return items;
    }
}
