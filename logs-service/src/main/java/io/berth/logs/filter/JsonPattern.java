package io.berth.logs.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.logs.filter.FilterPattern.InvalidFilterPatternException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A JSON filter pattern: {@code { <selector> <comparison> ... }} with {@code &&}, {@code ||} ({@code &&} binds
 * tighter) and parentheses. A selector is {@code $} followed by {@code .name} and {@code [index]} steps. A message
 * that is not a JSON object never matches; a comparison on a property the message lacks is false (only
 * {@code NOT EXISTS} is true then).
 */
final class JsonPattern implements FilterPattern.EventMatcher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final java.util.Set<String> ORDERINGS = java.util.Set.of("<", "<=", ">", ">=");

    private final Predicate<JsonNode> expression;

    private JsonPattern(Predicate<JsonNode> expression) {
        this.expression = expression;
    }

    static JsonPattern parse(String text) {
        if (!text.endsWith("}")) {
            throw new InvalidFilterPatternException("a JSON filter pattern must end with '}'");
        }
        Parser parser = new Parser(lex(text.substring(1, text.length() - 1)));
        Predicate<JsonNode> expression = parser.expression();
        if (!parser.atEnd()) {
            throw new InvalidFilterPatternException("unexpected '" + parser.peek() + "' in the JSON filter pattern");
        }
        return new JsonPattern(expression);
    }

    @Override
    public boolean matches(String message) {
        String text = message.strip();
        if (!text.startsWith("{")) {
            return false;
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (IOException e) {
            return false;
        }
        return json != null && json.isObject() && expression.test(json);
    }

    // --- lexing ----------------------------------------------------------------------------------------

    private static List<String> lex(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (text.startsWith("&&", i) || text.startsWith("||", i) || text.startsWith("!=", i)
                    || text.startsWith("<=", i) || text.startsWith(">=", i)) {
                tokens.add(text.substring(i, i + 2));
                i += 2;
            } else if (c == '=' || c == '<' || c == '>') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '"' || c == '%') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != c) {
                    end += text.charAt(end) == '\\' && c == '"' ? 2 : 1;
                }
                if (end >= text.length()) {
                    throw new InvalidFilterPatternException("unterminated " + (c == '"' ? "string" : "regular"
                            + " expression") + " in the JSON filter pattern");
                }
                tokens.add(text.substring(i, end + 1));
                i = end + 1;
            } else {
                int end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))
                        && "()=<>!&|\"".indexOf(text.charAt(end)) < 0) {
                    end++;
                }
                if (end == i) {
                    throw new InvalidFilterPatternException("unexpected '" + c + "' in the JSON filter pattern");
                }
                tokens.add(text.substring(i, end));
                i = end;
            }
        }
        return tokens;
    }

    // --- parsing ---------------------------------------------------------------------------------------

    private static final class Parser {

        private final List<String> tokens;
        private int next;

        Parser(List<String> tokens) {
            this.tokens = tokens;
        }

        boolean atEnd() {
            return next >= tokens.size();
        }

        String peek() {
            return atEnd() ? "" : tokens.get(next);
        }

        private String take(String what) {
            if (atEnd()) {
                throw new InvalidFilterPatternException("the JSON filter pattern ends where " + what
                        + " was expected");
            }
            return tokens.get(next++);
        }

        Predicate<JsonNode> expression() {
            Predicate<JsonNode> left = conjunction();
            while (peek().equals("||")) {
                next++;
                left = left.or(conjunction());
            }
            return left;
        }

        private Predicate<JsonNode> conjunction() {
            Predicate<JsonNode> left = operand();
            while (peek().equals("&&")) {
                next++;
                left = left.and(operand());
            }
            return left;
        }

        private Predicate<JsonNode> operand() {
            if (peek().equals("(")) {
                next++;
                Predicate<JsonNode> inner = expression();
                if (!take("')'").equals(")")) {
                    throw new InvalidFilterPatternException("missing ')' in the JSON filter pattern");
                }
                return inner;
            }
            Selector selector = Selector.parse(take("a selector such as $.level"));
            String operator = take("a comparison");
            switch (operator.toUpperCase(Locale.ROOT)) {
                case "IS" -> {
                    String what = take("NULL, TRUE or FALSE").toUpperCase(Locale.ROOT);
                    return switch (what) {
                        case "NULL" -> json -> selector.find(json).map(JsonNode::isNull).orElse(false);
                        case "TRUE" -> json -> selector.find(json).map(n -> n.isBoolean() && n.asBoolean())
                                .orElse(false);
                        case "FALSE" -> json -> selector.find(json).map(n -> n.isBoolean() && !n.asBoolean())
                                .orElse(false);
                        default -> throw new InvalidFilterPatternException("IS must be followed by NULL, TRUE or"
                                + " FALSE, not '" + what + "'");
                    };
                }
                case "NOT" -> {
                    if (!take("EXISTS").equalsIgnoreCase("EXISTS")) {
                        throw new InvalidFilterPatternException("NOT must be followed by EXISTS");
                    }
                    return json -> selector.find(json).isEmpty();
                }
                case "EXISTS" -> {
                    return json -> selector.find(json).isPresent();
                }
                case "=", "!=", "<", "<=", ">", ">=" -> {
                    return comparison(selector, operator, take("a value"));
                }
                default -> throw new InvalidFilterPatternException("unknown comparison '" + operator
                        + "' in the JSON filter pattern");
            }
        }

        private static Predicate<JsonNode> comparison(Selector selector, String operator, String value) {
            boolean numeric = NUMBER.matcher(value).matches();
            if (ORDERINGS.contains(operator)) {
                if (!numeric) {
                    throw new InvalidFilterPatternException("'" + operator + "' compares numbers, not '" + value
                            + "'");
                }
                double bound = Double.parseDouble(value);
                return json -> selector.find(json).filter(JsonNode::isNumber).map(JsonNode::asDouble)
                        .map(n -> switch (operator) {
                            case "<" -> n < bound;
                            case "<=" -> n <= bound;
                            case ">" -> n > bound;
                            default -> n >= bound;
                        }).orElse(false);
            }
            Predicate<JsonNode> equal = equality(value, numeric);
            return operator.equals("=")
                    ? json -> selector.find(json).map(equal::test).orElse(false)
                    : json -> selector.find(json).map(node -> !equal.test(node)).orElse(false);
        }

        private static Predicate<JsonNode> equality(String value, boolean numeric) {
            if (Regex.isRegex(value)) {
                Pattern regex = Regex.compile(value);
                return node -> node.isValueNode() && !node.isNull() && regex.matcher(node.asText()).find();
            }
            if (numeric) {
                double number = Double.parseDouble(value);
                return node -> node.isNumber() ? node.asDouble() == number
                        : node.isTextual() && node.asText().equals(value);
            }
            String text = value.startsWith("\"") ? FilterPattern.unquote(value) : value;
            Pattern wildcard = Wildcards.toRegex(text);
            return node -> node.isValueNode() && !node.isNull() && wildcard.matcher(node.asText()).matches();
        }
    }
}
