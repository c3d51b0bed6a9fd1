package io.berth.logs.filter;

import io.berth.logs.filter.FilterPattern.InvalidFilterPatternException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Terms of an unstructured pattern: every plain term must appear, at least one {@code ?} term must appear when
 * there are any, no {@code -} term may appear. A term is a word, a {@code "quoted phrase"} or a {@code %regex%}.
 */
final class TermPattern implements FilterPattern.EventMatcher {

    /** Characters with a meaning of their own in patterns: a term that holds one must be quoted. */
    private static final Pattern UNQUOTED = Pattern.compile("[^{}\\[\\](),=<>!&|;\"']+");

    private final List<Predicate<String>> all = new ArrayList<>();
    private final List<Predicate<String>> any = new ArrayList<>();
    private final List<Predicate<String>> none = new ArrayList<>();
    private final List<String> required = new ArrayList<>();

    private TermPattern() {
    }

    static TermPattern parse(String text) {
        TermPattern pattern = new TermPattern();
        for (String token : FilterPattern.tokens(text)) {
            if (token.length() > 1 && token.startsWith("?")) {
                pattern.any.add(term(token.substring(1), null));
            } else if (token.length() > 1 && token.startsWith("-")) {
                pattern.none.add(term(token.substring(1), null));
            } else {
                pattern.all.add(term(token, pattern.required));
            }
        }
        return pattern;
    }

    /** Plain terms and phrases: what every match contains, when no {@code ?} term makes it optional. */
    List<String> requiredText() {
        return List.copyOf(required);
    }

    @Override
    public boolean matches(String message) {
        for (Predicate<String> term : all) {
            if (!term.test(message)) {
                return false;
            }
        }
        for (Predicate<String> term : none) {
            if (term.test(message)) {
                return false;
            }
        }
        return any.isEmpty() || any.stream().anyMatch(term -> term.test(message));
    }

    private static Predicate<String> term(String token, List<String> required) {
        if (Regex.isRegex(token)) {
            Pattern regex = Regex.compile(token);
            return message -> regex.matcher(message).find();
        }
        String text;
        if (token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")) {
            text = FilterPattern.unquote(token);
        } else if (UNQUOTED.matcher(token).matches()) {
            text = token;
        } else {
            throw new InvalidFilterPatternException("Invalid character(s) in term '" + token + "'");
        }
        if (required != null && !text.isEmpty()) {
            required.add(text);
        }
        return message -> message.contains(text);
    }
}
