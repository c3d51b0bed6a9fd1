package io.berth.logs.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CloudWatch Logs filter pattern, parsed once and matched against many messages (FilterLogEvents, TestMetricFilter).
 * Three kinds, as CloudWatch tells them apart by their first character:
 *
 * <ul>
 * <li>terms: {@code ERROR}, {@code "exact phrase"}, {@code ?ERROR ?WARN} (any of), {@code -DEBUG} (none of),
 *     {@code %regex%}; plain terms must all appear. Matching is case-sensitive and finds the term anywhere in the
 *     message;</li>
 * <li>JSON, between braces: {@code { $.level = "ERROR" && ($.latency > 100 || $.user.id NOT EXISTS) }}, with
 *     {@code = != < <= > >=}, {@code IS NULL}, {@code IS TRUE}, {@code IS FALSE}, {@code EXISTS}, {@code NOT EXISTS},
 *     {@code *} wildcards and {@code %regex%} values; messages that are not JSON objects never match;</li>
 * <li>space-delimited, between brackets: {@code [ip, user, ..., status = 4* || status = 5*, bytes > 1000]}, fields
 *     split at spaces, with quoted and bracketed fields kept whole.</li>
 * </ul>
 *
 * An empty pattern (or {@code ""}) matches everything. A pattern that cannot be read throws
 * {@link InvalidFilterPatternException} naming what is wrong.
 */
public final class FilterPattern {

    /** The longest pattern FilterLogEvents accepts. */
    public static final int MAX_LENGTH = 1024;

    private static final FilterPattern EVERYTHING = new FilterPattern(message -> true, List.of(), null);

    private final EventMatcher matcher;
    private final List<String> requiredText;
    private final SpaceDelimitedPattern fields;

    private FilterPattern(EventMatcher matcher, List<String> requiredText, SpaceDelimitedPattern fields) {
        this.matcher = matcher;
        this.requiredText = List.copyOf(requiredText);
        this.fields = fields;
    }

    /** Reads a pattern; null, blank and {@code ""} match every event. */
    public static FilterPattern parse(String pattern) {
        if (pattern == null) {
            return EVERYTHING;
        }
        if (pattern.length() > MAX_LENGTH) {
            throw new InvalidFilterPatternException("the filter pattern is longer than " + MAX_LENGTH
                    + " characters");
        }
        String text = pattern.strip();
        if (text.isEmpty() || text.equals("\"\"")) {
            return EVERYTHING;
        }
        if (text.startsWith("{")) {
            return new FilterPattern(JsonPattern.parse(text), List.of(), null);
        }
        if (text.startsWith("[")) {
            SpaceDelimitedPattern fields = SpaceDelimitedPattern.parse(text);
            return new FilterPattern(fields, List.of(), fields);
        }
        TermPattern terms = TermPattern.parse(text);
        return new FilterPattern(terms, terms.requiredText(), null);
    }

    public boolean matches(String message) {
        return matcher.matches(message);
    }

    /**
     * Text that every matching message contains (plain terms and phrases that must all appear): a store can skip the
     * events without it before it matches the rest. Empty when the pattern promises nothing of the kind.
     */
    public List<String> requiredText() {
        return requiredText;
    }

    /** The named fields of a space-delimited pattern in a matching message (TestMetricFilter's extractedValues). */
    public Optional<Map<String, String>> extract(String message) {
        return fields == null ? Optional.empty() : fields.extract(message);
    }

    /** One kind of pattern. */
    interface EventMatcher {

        boolean matches(String message);
    }

    /** A pattern that cannot be read; its message says why, as FilterLogEvents reports it. */
    public static final class InvalidFilterPatternException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public InvalidFilterPatternException(String message) {
            super(message);
        }
    }

    /** Splits at whitespace outside double quotes, keeping the quotes. */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        // A %regex% that starts a term (after its ? or - if any) runs to the next %, spaces and quotes included.
        boolean regex = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (regex) {
                current.append(c);
                regex = c != '%';
            } else if (c == '%' && !quoted && (current.isEmpty() || current.toString().equals("?")
                    || current.toString().equals("-"))) {
                current.append(c);
                regex = true;
            } else if (c == '\\' && quoted && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                current.append(c);
            } else if (Character.isWhitespace(c) && !quoted) {
                if (current.length() > 0) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new InvalidFilterPatternException("unterminated quoted string in the filter pattern");
        }
        if (regex) {
            throw new InvalidFilterPatternException("unterminated regular expression in the filter pattern");
        }
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    /** A double-quoted string without its quotes and escapes. */
    static String unquote(String token) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < token.length() - 1; i++) {
            char c = token.charAt(i);
            if (c == '\\' && i + 1 < token.length() - 1) {
                c = token.charAt(++i);
            }
            text.append(c);
        }
        return text.toString();
    }
}
