package io.berth.cql;

import java.util.HashMap;
import java.util.Map;

/** The operators of the cluster query language; the symbol and word forms of each are equivalent. */
enum Operator {
    EQUALS("==", "equals", Arity.VALUE),
    NOT_EQUALS("!=", "not_equals", Arity.VALUE),
    GREATER_THAN(">", "greater_than", Arity.VALUE),
    GREATER_THAN_EQUAL(">=", "greater_than_equal", Arity.VALUE),
    LESS_THAN("<", "less_than", Arity.VALUE),
    LESS_THAN_EQUAL("<=", "less_than_equal", Arity.VALUE),
    EXISTS(null, "exists", Arity.NONE),
    NOT_EXISTS("!exists", "not_exists", Arity.NONE),
    IN(null, "in", Arity.LIST),
    NOT_IN("!in", "not_in", Arity.LIST),
    MATCHES("=~", "matches", Arity.VALUE),
    NOT_MATCHES("!~", "not_matches", Arity.VALUE);

    /** What follows the operator in a predicate. */
    enum Arity { NONE, VALUE, LIST }

    private static final Map<String, Operator> BY_TEXT = new HashMap<>();

    static {
        for (Operator operator : values()) {
            if (operator.symbol != null) {
                BY_TEXT.put(operator.symbol, operator);
            }
            BY_TEXT.put(operator.word, operator);
        }
    }

    private final String symbol;
    private final String word;
    private final Arity arity;

    Operator(String symbol, String word, Arity arity) {
        this.symbol = symbol;
        this.word = word;
        this.arity = arity;
    }

    /** The operator written as {@code text} in either form, or {@code null} when there is none. */
    static Operator fromText(String text) {
        return BY_TEXT.get(text);
    }

    Arity arity() {
        return arity;
    }

    /** The symbol form where there is one, else the word form. */
    String canonical() {
        return symbol != null ? symbol : word;
    }
}
