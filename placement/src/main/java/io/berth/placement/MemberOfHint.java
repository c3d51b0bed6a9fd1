package io.berth.placement;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads, from a memberOf expression, the conditions the attribute index can answer: conjuncts of
 * the form {@code attribute:<name> == v}, {@code attribute:<name> in [a, b]} and
 * {@code attribute:<name> exists}. Each is a necessary condition of the whole expression, so the
 * instances that satisfy it are a superset of the matching ones; the engine still runs
 * {@code ClusterQuery.matches} on each of them.
 *
 * <p>Deliberately conservative: an expression with {@code or}, {@code not}, {@code !} or
 * parentheses yields no hint (a full scan then, still correct), and so does anything this reader
 * does not recognise. The cluster query module stays the only evaluator.
 */
final class MemberOfHint {

    /** Instances must have the attribute and, when {@code values} is not empty, one of the values. */
    record Hint(String attribute, Set<String> values) {
    }

    private record Token(String text, boolean quoted) {
        boolean is(String word) {
            return !quoted && text.equals(word);
        }
    }

    private static final String ATTRIBUTE = "attribute:";

    private MemberOfHint() {
    }

    /** Hints by expression: a service places with the same expression again and again. */
    private static final Map<String, List<Hint>> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 1024;

    static List<Hint> of(String expression) {
        List<Hint> hints = CACHE.get(expression);
        if (hints == null) {
            hints = List.copyOf(read(expression));
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            CACHE.put(expression, hints);
        }
        return hints;
    }

    private static List<Hint> read(String expression) {
        List<Token> tokens = tokenize(expression);
        if (tokens == null) {
            return List.of();
        }
        for (Token t : tokens) {
            String lower = t.text().toLowerCase(Locale.ROOT);
            if (!t.quoted() && (lower.equals("or") || lower.equals("not") || t.text().equals("||")
                    || t.text().equals("!") || (lower.equals("and") && !t.text().equals("and")))) {
                return List.of();
            }
        }
        List<Hint> hints = new ArrayList<>();
        List<Token> conjunct = new ArrayList<>();
        for (Token t : tokens) {
            if (t.is("and") || t.is("&&")) {
                hint(conjunct, hints);
                conjunct = new ArrayList<>();
            } else {
                conjunct.add(t);
            }
        }
        hint(conjunct, hints);
        return hints;
    }

    private static void hint(List<Token> c, List<Hint> hints) {
        if (c.size() < 2 || c.get(0).quoted() || !c.get(0).text().startsWith(ATTRIBUTE)) {
            return;
        }
        String name = c.get(0).text().substring(ATTRIBUTE.length());
        if (name.isEmpty()) {
            return;
        }
        Token op = c.get(1);
        if (c.size() == 2 && op.is("exists")) {
            hints.add(new Hint(name, Set.of()));
        } else if (c.size() == 3 && (op.is("==") || op.is("equals")) && value(c.get(2))) {
            hints.add(new Hint(name, Set.of(c.get(2).text())));
        } else if (op.is("in") && c.size() >= 5 && c.get(2).is("[") && c.get(c.size() - 1).is("]")) {
            Set<String> values = new LinkedHashSet<>();
            for (int i = 3; i < c.size() - 1; i++) {
                Token t = c.get(i);
                boolean expectValue = (i - 3) % 2 == 0;
                if (expectValue ? !value(t) : !t.is(",")) {
                    return;
                }
                if (expectValue) {
                    values.add(t.text());
                }
            }
            if ((c.size() - 4) % 2 == 1) {
                hints.add(new Hint(name, java.util.Collections.unmodifiableSet(values)));
            }
        }
    }

    private static boolean value(Token t) {
        return t.quoted() || (!t.text().isEmpty() && "[],".indexOf(t.text().charAt(0)) < 0
                && !isOperator(t.text().charAt(0)));
    }

    private static boolean isOperator(char ch) {
        return "=!<>~&|".indexOf(ch) >= 0;
    }

    /** Tokens, or null when the expression has parentheses or an unterminated quote. */
    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (ch == '(' || ch == ')') {
                return null;
            } else if (ch == '\'' || ch == '"') {
                int end = s.indexOf(ch, i + 1);
                if (end < 0) {
                    return null;
                }
                tokens.add(new Token(s.substring(i + 1, end), true));
                i = end + 1;
            } else if (ch == '[' || ch == ']' || ch == ',') {
                tokens.add(new Token(String.valueOf(ch), false));
                i++;
            } else if (isOperator(ch)) {
                int start = i;
                while (i < s.length() && isOperator(s.charAt(i))) {
                    i++;
                }
                if (s.charAt(start) == '!' && i - start == 1 && i < s.length() && Character.isLetter(s.charAt(i))) {
                    while (i < s.length() && Character.isLetter(s.charAt(i))) {
                        i++;
                    }
                }
                tokens.add(new Token(s.substring(start, i), false));
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i))
                        && "()[],'\"".indexOf(s.charAt(i)) < 0 && !isOperator(s.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(s.substring(start, i), false));
            }
        }
        return tokens;
    }
}
