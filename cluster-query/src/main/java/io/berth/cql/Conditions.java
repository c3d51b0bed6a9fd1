package io.berth.cql;

import io.berth.cql.Lexer.Token;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles one predicate into its {@link Expr.Condition}: every literal is checked, converted and
 * (for regular expressions) compiled here, once, so that evaluation only compares.
 *
 * <p>The rule for absent values ({@code attribute:<name>}, {@code agentVersion},
 * {@code ec2InstanceId}): every comparison, negative ones included, is false; only
 * {@code not_exists} holds. An agent version that is not a semantic version counts as absent.
 */
final class Conditions {

    private static final long SECONDS_PER_DAY = 86_400;

    private static final DateTimeFormatter WITH_OFFSET = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendOffset("+HH:MM", "Z")
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter LOCAL_DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter LOCAL_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private Conditions() {
    }

    static Expr.Condition compile(Subject subject, String attributeName, Operator operator, List<Token> values) {
        return switch (subject) {
            case AGENT_CONNECTED -> agentConnected(operator, values);
            case AGENT_VERSION -> agentVersion(operator, values.get(0));
            case ATTRIBUTE -> optionalString(target -> target.attribute(attributeName), operator, values);
            case EC2_INSTANCE_ID -> optionalString(QueryTarget::ec2InstanceId, operator, values);
            case REGISTERED_AT -> registeredAt(operator, values.get(0));
            case RUNNING_TASKS_COUNT -> runningTasksCount(operator, values.get(0));
            case TASK_GROUP -> taskGroup(operator, values);
        };
    }

    /** The boolean is known to be true or false, so both outcomes are decided here. */
    private static Expr.Condition agentConnected(Operator operator, List<Token> values) {
        if (operator != Operator.MATCHES && operator != Operator.NOT_MATCHES) {
            for (Token value : values) {
                String text = value.text();
                if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                    throw Lexer.error(value.start(),
                            "invalid value '" + text + "' for agentConnected; expected true or false");
                }
            }
            values = values.stream().map(v -> new Token(v.text().toLowerCase(Locale.ROOT), v.start())).toList();
        }
        Predicate<String> test = stringTest(operator, values);
        boolean whenConnected = test.test("true");
        boolean whenDisconnected = test.test("false");
        return target -> target.agentConnected() ? whenConnected : whenDisconnected;
    }

    private static Expr.Condition agentVersion(Operator operator, Token value) {
        String version = value.text();
        if (!Versions.isValid(version)) {
            throw Lexer.error(value.start(), "invalid version '" + version
                    + "' for agentVersion; expected a semantic version such as 1.14.5");
        }
        IntPredicate order = order(operator);
        return target -> {
            Optional<String> actual = target.agentVersion();
            return actual.isPresent() && Versions.isValid(actual.get())
                    && order.test(Versions.compare(actual.get(), version));
        };
    }

    private static Expr.Condition optionalString(
            Function<QueryTarget, Optional<String>> subject, Operator operator, List<Token> values) {
        if (operator == Operator.EXISTS) {
            return target -> subject.apply(target).isPresent();
        }
        if (operator == Operator.NOT_EXISTS) {
            return target -> subject.apply(target).isEmpty();
        }
        Predicate<String> test = stringTest(operator, values);
        return target -> {
            Optional<String> actual = subject.apply(target);
            return actual.isPresent() && test.test(actual.get());
        };
    }

    /**
     * The test of a present string value. Ordering compares numerically when both sides are
     * decimal numbers ({@code 10 > 9}), otherwise by UTF-16 code units ({@code b > a}).
     */
    private static Predicate<String> stringTest(Operator operator, List<Token> values) {
        switch (operator) {
            case EQUALS:
                String expected = values.get(0).text();
                return expected::equals;
            case NOT_EQUALS:
                String unexpected = values.get(0).text();
                return actual -> !unexpected.equals(actual);
            case GREATER_THAN:
            case GREATER_THAN_EQUAL:
            case LESS_THAN:
            case LESS_THAN_EQUAL:
                String bound = values.get(0).text();
                IntPredicate order = order(operator);
                if (Decimals.isDecimal(bound)) {
                    return actual -> order.test(Decimals.isDecimal(actual)
                            ? Decimals.compare(actual, bound)
                            : actual.compareTo(bound));
                }
                return actual -> order.test(actual.compareTo(bound));
            case IN:
                Set<String> members = texts(values);
                return members::contains;
            case NOT_IN:
                Set<String> nonMembers = texts(values);
                return actual -> !nonMembers.contains(actual);
            case MATCHES:
                Pattern pattern = pattern(values.get(0));
                return actual -> pattern.matcher(actual).matches();
            case NOT_MATCHES:
                Pattern antiPattern = pattern(values.get(0));
                return actual -> !antiPattern.matcher(actual).matches();
            default:
                throw new IllegalArgumentException("no value test for " + operator);
        }
    }

    /**
     * A literal names a whole second ({@code 2018-06-18T22:28:28Z}) or a whole day in UTC
     * ({@code 2018-06-18}); the registration time is truncated to that unit before comparing.
     */
    private static Expr.Condition registeredAt(Operator operator, Token value) {
        String text = value.text();
        long bound;
        boolean wholeDay;
        try {
            if (text.length() == 10) {
                bound = LocalDate.parse(text, LOCAL_DATE).toEpochDay();
                wholeDay = true;
            } else if (text.length() == 19) {
                bound = LocalDateTime.parse(text, LOCAL_DATE_TIME).toEpochSecond(ZoneOffset.UTC);
                wholeDay = false;
            } else {
                bound = OffsetDateTime.parse(text, WITH_OFFSET).toEpochSecond();
                wholeDay = false;
            }
        } catch (DateTimeException e) {
            throw Lexer.error(value.start(), "invalid date '" + text + "' for registeredAt; expected "
                    + "2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, 2018-06-18T22:28:28 or 2018-06-18");
        }
        IntPredicate order = order(operator);
        long unit = wholeDay ? SECONDS_PER_DAY : 1;
        return target -> target.registeredAt() != null
                && order.test(Long.compare(Math.floorDiv(target.registeredAt().getEpochSecond(), unit), bound));
    }

    private static Expr.Condition runningTasksCount(Operator operator, Token value) {
        long bound;
        try {
            bound = Long.parseLong(value.text());
        } catch (NumberFormatException e) {
            throw Lexer.error(value.start(),
                    "invalid integer '" + value.text() + "' for runningTasksCount");
        }
        IntPredicate order = order(operator);
        return target -> order.test(Long.compare(target.runningTasksCount(), bound));
    }

    /**
     * {@code task:group} is the set of groups on the instance: {@code ==}, {@code in} and
     * {@code =~} hold when some group qualifies, {@code exists} when there is any task; the
     * negative operators are their exact complements (an empty set is a value, not an absence).
     */
    private static Expr.Condition taskGroup(Operator operator, List<Token> values) {
        switch (operator) {
            case EQUALS:
                String group = values.get(0).text();
                return target -> target.taskGroups().contains(group);
            case NOT_EQUALS:
                String otherGroup = values.get(0).text();
                return target -> !target.taskGroups().contains(otherGroup);
            case IN:
                String[] groups = values.stream().map(Token::text).toArray(String[]::new);
                return target -> containsAny(target.taskGroups(), groups);
            case NOT_IN:
                String[] excluded = values.stream().map(Token::text).toArray(String[]::new);
                return target -> !containsAny(target.taskGroups(), excluded);
            case MATCHES:
                Pattern pattern = pattern(values.get(0));
                return target -> anyMatches(target.taskGroups(), pattern);
            case NOT_MATCHES:
                Pattern antiPattern = pattern(values.get(0));
                return target -> !anyMatches(target.taskGroups(), antiPattern);
            case EXISTS:
                return target -> !target.taskGroups().isEmpty();
            case NOT_EXISTS:
                return target -> target.taskGroups().isEmpty();
            default:
                throw new IllegalArgumentException("task:group does not allow " + operator);
        }
    }

    private static boolean containsAny(Set<String> groups, String[] candidates) {
        for (String candidate : candidates) {
            if (groups.contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyMatches(Set<String> groups, Pattern pattern) {
        for (String group : groups) {
            if (pattern.matcher(group).matches()) {
                return true;
            }
        }
        return false;
    }

    private static IntPredicate order(Operator operator) {
        return switch (operator) {
            case EQUALS -> c -> c == 0;
            case NOT_EQUALS -> c -> c != 0;
            case GREATER_THAN -> c -> c > 0;
            case GREATER_THAN_EQUAL -> c -> c >= 0;
            case LESS_THAN -> c -> c < 0;
            case LESS_THAN_EQUAL -> c -> c <= 0;
            default -> throw new IllegalArgumentException(operator + " is not an ordering");
        };
    }

    private static Pattern pattern(Token value) {
        try {
            return Pattern.compile(value.text());
        } catch (PatternSyntaxException e) {
            throw Lexer.error(value.start(),
                    "invalid regular expression '" + value.text() + "': " + e.getDescription());
        }
    }

    private static Set<String> texts(List<Token> values) {
        return Set.copyOf(values.stream().map(Token::text).toList());
    }
}
