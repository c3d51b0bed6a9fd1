package io.berth.cql;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A parsed cluster query: an immutable tree whose leaves carry a condition compiled at parse time,
 * so evaluating it neither parses nor compiles anything.
 */
sealed interface Expr {

    boolean matches(QueryTarget target);

    /** A fully parenthesised rendering with operators in symbol form, to show how it was read. */
    String canonical();

    record Or(Expr left, Expr right) implements Expr {
        @Override
        public boolean matches(QueryTarget target) {
            return left.matches(target) || right.matches(target);
        }

        @Override
        public String canonical() {
            return "(" + left.canonical() + " or " + right.canonical() + ")";
        }
    }

    record And(Expr left, Expr right) implements Expr {
        @Override
        public boolean matches(QueryTarget target) {
            return left.matches(target) && right.matches(target);
        }

        @Override
        public String canonical() {
            return "(" + left.canonical() + " and " + right.canonical() + ")";
        }
    }

    record Not(Expr operand) implements Expr {
        @Override
        public boolean matches(QueryTarget target) {
            return !operand.matches(target);
        }

        @Override
        public String canonical() {
            return "not " + operand.canonical();
        }
    }

    /** One {@code subject operator [argument]}; {@code values} are the argument(s) as written, unquoted. */
    record Predicate(String subject, Operator operator, List<String> values, Condition condition)
            implements Expr {

        public Predicate {
            values = List.copyOf(values);
        }

        @Override
        public boolean matches(QueryTarget target) {
            return condition.test(target);
        }

        @Override
        public String canonical() {
            String head = subject + " " + operator.canonical();
            return switch (operator.arity()) {
                case NONE -> head;
                case VALUE -> head + " " + values.get(0);
                case LIST -> head + " " + values.stream().collect(Collectors.joining(", ", "[", "]"));
            };
        }
    }

    /** A predicate's test, built once by {@link Conditions}. */
    @FunctionalInterface
    interface Condition {
        boolean test(QueryTarget target);
    }
}
