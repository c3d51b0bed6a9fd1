package io.berth.logs.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.logs.filter.FilterPattern.InvalidFilterPatternException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A property selector of JSON filter patterns: {@code $.user.id}, {@code $.items[0].name}. */
record Selector(String text, List<Object> steps) {

    static Selector parse(String text) {
        if (!text.startsWith("$")) {
            throw new InvalidFilterPatternException("'" + text + "' is not a selector: selectors start with $.");
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1) {
                    throw new InvalidFilterPatternException("the selector " + text + " has an empty property name");
                }
                steps.add(text.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int end = text.indexOf(']', i);
                if (end < 0) {
                    throw new InvalidFilterPatternException("the selector " + text + " has an unclosed '['");
                }
                try {
                    steps.add(Integer.parseInt(text.substring(i + 1, end)));
                } catch (NumberFormatException e) {
                    throw new InvalidFilterPatternException("the selector " + text + " has an index that is not a"
                            + " number");
                }
                i = end + 1;
            } else {
                throw new InvalidFilterPatternException("the selector " + text + " is invalid at '" + c + "'");
            }
        }
        if (steps.isEmpty()) {
            throw new InvalidFilterPatternException("the selector $ names no property");
        }
        return new Selector(text, List.copyOf(steps));
    }

    /** The node the selector names in {@code json}, if there is one (a JSON null is there). */
    Optional<JsonNode> find(JsonNode json) {
        JsonNode node = json;
        for (Object step : steps) {
            node = step instanceof Integer index ? (node.isArray() ? node.get(index) : null)
                    : (node.isObject() ? node.get((String) step) : null);
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }
}
