package io.berth.logs.filter;

import io.berth.logs.filter.FilterPattern.InvalidFilterPatternException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A space-delimited pattern: {@code [ip, user, ..., status = 4* || status = 5*, bytes > 1000]}. The message is split
 * into fields at spaces (a field in double quotes or brackets is one field, without them); each name binds the field
 * at its position, {@code ...} stands for any number of fields, and the conditions (on any named field, joined with
 * {@code &&} and {@code ||}) must hold. Without {@code ...} the message must have exactly as many fields as the
 * pattern names.
 */
final class SpaceDelimitedPattern implements FilterPattern.EventMatcher {

    private static final String ELLIPSIS = "...";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern CONDITION = Pattern.compile(
            "\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(!=|<=|>=|=|<|>)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|%[^%]*%|[^\\s&|]+)\\s*");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    /** A position of the pattern: a field name, or null for {@code ...}. */
    private final List<String> positions;
    private final List<Predicate<Map<String, String>>> conditions;

    private SpaceDelimitedPattern(List<String> positions, List<Predicate<Map<String, String>>> conditions) {
        this.positions = positions;
        this.conditions = conditions;
    }

    static SpaceDelimitedPattern parse(String text) {
        if (!text.endsWith("]")) {
            throw new InvalidFilterPatternException("a space-delimited filter pattern must end with ']'");
        }
        List<String> positions = new ArrayList<>();
        List<Predicate<Map<String, String>>> conditions = new ArrayList<>();
        for (String part : parts(text.substring(1, text.length() - 1))) {
            if (part.equals(ELLIPSIS)) {
                positions.add(null);
            } else if (NAME.matcher(part).matches()) {
                positions.add(part);
            } else {
                Matcher first = CONDITION.matcher(part);
                if (!first.lookingAt()) {
                    throw new InvalidFilterPatternException("Invalid character(s) in term '" + part + "'");
                }
                positions.add(first.group(1));
                conditions.add(disjunction(part));
            }
        }
        if (positions.isEmpty()) {
            throw new InvalidFilterPatternException("a space-delimited filter pattern names no field");
        }
        return new SpaceDelimitedPattern(positions, conditions);
    }

    @Override
    public boolean matches(String message) {
        return extract(message).isPresent();
    }

    /** The named fields, when the message matches. */
    Optional<Map<String, String>> extract(String message) {
        List<String> fields = fields(message);
        Map<String, String> bound = new LinkedHashMap<>();
        if (!bind(fields, 0, 0, bound)) {
            return Optional.empty();
        }
        return conditions.stream().allMatch(condition -> condition.test(bound)) ? Optional.of(bound)
                : Optional.empty();
    }

    private boolean bind(List<String> fields, int field, int position, Map<String, String> bound) {
        if (position == positions.size()) {
            return field == fields.size();
        }
        String name = positions.get(position);
        if (name == null) {
            for (int skip = fields.size(); skip >= field; skip--) {
                if (bind(fields, skip, position + 1, bound)) {
                    return true;
                }
            }
            return false;
        }
        if (field >= fields.size()) {
            return false;
        }
        bound.put(name, fields.get(field));
        return bind(fields, field + 1, position + 1, bound);
    }

    /** {@code a = 1 && b > 2 || c = x}: {@code &&} binds tighter. */
    private static Predicate<Map<String, String>> disjunction(String text) {
        Predicate<Map<String, String>> any = null;
        for (String alternative : text.split("\\|\\|")) {
            Predicate<Map<String, String>> all = null;
            for (String condition : alternative.split("&&")) {
                Predicate<Map<String, String>> one = condition(condition);
                all = all == null ? one : all.and(one);
            }
            any = any == null ? all : any.or(all);
        }
        return any;
    }

    private static Predicate<Map<String, String>> condition(String text) {
        Matcher matcher = CONDITION.matcher(text);
        if (!matcher.matches()) {
            throw new InvalidFilterPatternException("Invalid character(s) in term '" + text.strip() + "'");
        }
        String name = matcher.group(1);
        String operator = matcher.group(2);
        String value = matcher.group(3);
        boolean numeric = NUMBER.matcher(value).matches();
        if (!operator.equals("=") && !operator.equals("!=")) {
            if (!numeric) {
                throw new InvalidFilterPatternException("'" + operator + "' compares numbers, not '" + value + "'");
            }
            double bound = Double.parseDouble(value);
            return fields -> number(fields.get(name)).map(n -> switch (operator) {
                case "<" -> n < bound;
                case "<=" -> n <= bound;
                case ">" -> n > bound;
                default -> n >= bound;
            }).orElse(false);
        }
        Predicate<String> equal;
        if (Regex.isRegex(value)) {
            Pattern regex = Regex.compile(value);
            equal = field -> regex.matcher(field).find();
        } else if (numeric) {
            double number = Double.parseDouble(value);
            equal = field -> number(field).map(n -> n == number).orElse(false);
        } else {
            Pattern wildcard = Wildcards.toRegex(value.startsWith("\"") ? FilterPattern.unquote(value) : value);
            equal = field -> wildcard.matcher(field).matches();
        }
        return operator.equals("=") ? fields -> fields.containsKey(name) && equal.test(fields.get(name))
                : fields -> fields.containsKey(name) && !equal.test(fields.get(name));
    }

    private static Optional<Double> number(String field) {
        return field != null && NUMBER.matcher(field).matches() ? Optional.of(Double.parseDouble(field))
                : Optional.empty();
    }

    /** The pattern's parts: split at commas outside quotes. */
    private static List<String> parts(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().strip());
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw new InvalidFilterPatternException("a space-delimited filter pattern has an empty field");
        }
        return parts;
    }

    /** The message's fields: split at spaces; {@code "..."} and {@code [...]} are one field each, unwrapped. */
    static List<String> fields(String message) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int length = message.length();
        while (i < length) {
            char c = message.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            char close = c == '"' ? '"' : c == '[' ? ']' : 0;
            if (close != 0) {
                int end = message.indexOf(close, i + 1);
                if (end > 0) {
                    fields.add(message.substring(i + 1, end));
                    i = end + 1;
                    continue;
                }
            }
            int end = i;
            while (end < length && message.charAt(end) != ' ' && message.charAt(end) != '\t') {
                end++;
            }
            fields.add(message.substring(i, end));
            i = end;
        }
        return fields;
    }
}
