package io.berth.cql;

import io.berth.cql.Lexer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive descent over the grammar of ECS's cluster query language:
 *
 * <pre>
 * expr      = orExpr ;
 * orExpr    = andExpr , { ( "||" | "or" ) , andExpr } ;
 * andExpr   = unary , { ( "&amp;&amp;" | "and" ) , unary } ;
 * unary     = ( "!" | "not" ) , unary | "(" , expr , ")" | predicate ;
 * predicate = subject , ( unaryOp | binOp , value | listOp , list ) ;
 * </pre>
 */
final class Parser {

    static final int MAX_LENGTH = 2000;

    /** Parentheses and negations nested deeper than any real query, to bound the recursion. */
    static final int MAX_DEPTH = 100;

    private final Lexer lexer;

    private Parser(String expression) {
        this.lexer = new Lexer(expression);
    }

    static Expr parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw Lexer.error(0, "the expression is empty");
        }
        if (expression.length() > MAX_LENGTH) {
            throw Lexer.error(MAX_LENGTH, "the expression is longer than " + MAX_LENGTH + " characters");
        }
        Parser parser = new Parser(expression);
        Expr expr = parser.or(0, null);
        parser.lexer.skipWhitespace();
        if (!parser.lexer.atEnd()) {
            int at = parser.lexer.position();
            if (parser.lexer.tryConsume(")")) {
                throw Lexer.error(at, "unbalanced ')' with no matching '('");
            }
            throw Lexer.error(at, "expected 'and', 'or' or the end of the expression" + parser.lexer.found(at));
        }
        return expr;
    }

    private Expr or(int depth, String after) {
        Expr left = and(depth, after);
        while (true) {
            lexer.skipWhitespace();
            if (lexer.tryConsume("||")) {
                left = new Expr.Or(left, and(depth, "||"));
            } else if (lexer.tryKeyword("or")) {
                left = new Expr.Or(left, and(depth, "or"));
            } else {
                return left;
            }
        }
    }

    private Expr and(int depth, String after) {
        Expr left = unary(depth, after);
        while (true) {
            lexer.skipWhitespace();
            if (lexer.tryConsume("&&")) {
                left = new Expr.And(left, unary(depth, "&&"));
            } else if (lexer.tryKeyword("and")) {
                left = new Expr.And(left, unary(depth, "and"));
            } else {
                return left;
            }
        }
    }

    /** {@code after} names the token before this operand, for messages; {@code null} at the start. */
    private Expr unary(int depth, String after) {
        lexer.skipWhitespace();
        int at = lexer.position();
        if (lexer.tryConsume("(")) {
            checkDepth(depth, at);
            Expr inner = or(depth + 1, "(");
            lexer.skipWhitespace();
            int close = lexer.position();
            if (!lexer.tryConsume(")")) {
                throw Lexer.error(close, "expected ')' to close the '(' at position " + (at + 1)
                        + lexer.found(close));
            }
            return inner;
        }
        if (lexer.tryConsume("!")) {
            checkDepth(depth, at);
            return new Expr.Not(unary(depth + 1, "!"));
        }
        if (lexer.tryKeyword("not")) {
            checkDepth(depth, at);
            return new Expr.Not(unary(depth + 1, "not"));
        }
        Token word = lexer.readWord();
        if (word.text().isEmpty()) {
            throw Lexer.error(at, "expected a subject, 'not' or '('"
                    + (after == null ? "" : " after '" + after + "'") + lexer.found(at));
        }
        return predicate(word);
    }

    /** {@code depth} operators enclose the one at {@code at}; it may not be one too many. */
    private static void checkDepth(int depth, int at) {
        if (depth >= MAX_DEPTH) {
            throw Lexer.error(at, "parentheses and negations nest deeper than " + MAX_DEPTH + " levels");
        }
    }

    private Expr predicate(Token word) {
        Subject subject = Subject.fromWord(word.text());
        if (subject == null) {
            throw Lexer.error(word.start(), "unknown subject '" + word.text() + "'; expected agentConnected, "
                    + "agentVersion, attribute:<name>, ec2InstanceId, registeredAt, runningTasksCount "
                    + "or task:group");
        }
        String attributeName = null;
        if (subject == Subject.ATTRIBUTE) {
            attributeName = word.text().substring(Subject.ATTRIBUTE_PREFIX.length());
            if (attributeName.isEmpty()) {
                throw Lexer.error(word.start() + word.text().length(),
                        "expected an attribute name after 'attribute:'" + lexer.found(lexer.position()));
            }
        }

        lexer.skipWhitespace();
        int operatorAt = lexer.position();
        Token operatorToken = lexer.readOperator();
        Operator operator = operatorToken == null ? null : Operator.fromText(operatorToken.text());
        if (operator == null) {
            throw Lexer.error(operatorAt, "expected an operator after '" + word.text() + "'"
                    + lexer.found(operatorAt));
        }
        if (!subject.allows(operator)) {
            throw Lexer.error(operatorAt, "operator '" + operatorToken.text() + "' is not allowed for "
                    + (subject == Subject.ATTRIBUTE ? "attribute" : word.text())
                    + "; allowed: " + subject.allowedList());
        }

        List<Token> values = switch (operator.arity()) {
            case NONE -> List.of();
            case VALUE -> List.of(value(operatorToken.text()));
            case LIST -> list(operatorToken.text());
        };
        Expr.Condition condition = Conditions.compile(subject, attributeName, operator, values);
        return new Expr.Predicate(word.text(), operator, values.stream().map(Token::text).toList(), condition);
    }

    private Token value(String after) {
        lexer.skipWhitespace();
        int at = lexer.position();
        Token value = lexer.readValue();
        if (value == null) {
            throw Lexer.error(at, "expected a value after '" + after + "'" + lexer.found(at));
        }
        return value;
    }

    private List<Token> list(String operator) {
        lexer.skipWhitespace();
        int open = lexer.position();
        if (!lexer.tryConsume("[")) {
            throw Lexer.error(open, "expected a list such as [a, b] after '" + operator + "'" + lexer.found(open));
        }
        List<Token> values = new ArrayList<>();
        String after = "[";
        while (true) {
            values.add(value(after));
            lexer.skipWhitespace();
            int at = lexer.position();
            if (lexer.tryConsume("]")) {
                return values;
            }
            if (!lexer.tryConsume(",")) {
                throw Lexer.error(at, "expected ',' or ']' to continue the list opened at position " + (open + 1)
                        + lexer.found(at));
            }
            after = ",";
        }
    }
}
