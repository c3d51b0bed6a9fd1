package io.berth.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rejection is an InvalidParameterException naming the 1-based position and what was expected. */
class ClusterQuerySyntaxErrorTest {

    private static final String DATE_FORMS =
            "expected 2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, 2018-06-18T22:28:28 or 2018-06-18.";

    static Stream<Arguments> errors() {
        return Stream.of(
                // empty, too long, nesting
                arguments("", 1, "the expression is empty."),
                arguments(" \t\n", 1, "the expression is empty."),
                arguments("attribute:x == " + "v".repeat(1986), 2001,
                        "the expression is longer than 2000 characters."),
                arguments("(".repeat(101) + "task:group exists" + ")".repeat(101), 101,
                        "parentheses and negations nest deeper than 100 levels."),
                // unbalanced parentheses
                arguments("(task:group == web", 19, "expected ')' to close the '(' at position 1."),
                arguments("((task:group == web)", 21, "expected ')' to close the '(' at position 1."),
                arguments("(task:group == web or", 22, "expected a subject, 'not' or '(' after 'or'."),
                arguments("task:group == web)", 18, "unbalanced ')' with no matching '('."),
                arguments("(task:group == web))", 20, "unbalanced ')' with no matching '('."),
                arguments("()", 2, "expected a subject, 'not' or '(' after '(', found ')'."),
                // missing subject or operand
                arguments("== t2.small", 1, "expected a subject, 'not' or '(', found '=='."),
                arguments("not", 4, "expected a subject, 'not' or '(' after 'not'."),
                arguments("!", 2, "expected a subject, 'not' or '(' after '!'."),
                arguments("task:group exists and", 22, "expected a subject, 'not' or '(' after 'and'."),
                arguments("task:group exists || ]", 22, "expected a subject, 'not' or '(' after '||', found ']'."),
                arguments("instanceType == t2.small", 1, "unknown subject 'instanceType'; expected agentConnected, "
                        + "agentVersion, attribute:<name>, ec2InstanceId, registeredAt, runningTasksCount or "
                        + "task:group."),
                arguments("Attribute:x exists", 1, "unknown subject 'Attribute:x'; expected agentConnected, "
                        + "agentVersion, attribute:<name>, ec2InstanceId, registeredAt, runningTasksCount or "
                        + "task:group."),
                arguments("attribute: exists", 11, "expected an attribute name after 'attribute:', found whitespace."),
                // missing operator
                arguments("attribute:ecs.instance-type", 28,
                        "expected an operator after 'attribute:ecs.instance-type'."),
                arguments("attribute:ecs.instance-type t2.small", 29,
                        "expected an operator after 'attribute:ecs.instance-type', found 't2.small'."),
                arguments("runningTasksCount = 1", 19, "expected an operator after 'runningTasksCount', found '='."),
                arguments("(task:group)", 12, "expected an operator after 'task:group', found ')'."),
                // missing value or list
                arguments("attribute:x ==", 15, "expected a value after '=='."),
                arguments("(attribute:x == )", 17, "expected a value after '==', found ')'."),
                arguments("attribute:x matches [a]", 21, "expected a value after 'matches', found '['."),
                arguments("attribute:x in", 15, "expected a list such as [a, b] after 'in'."),
                arguments("attribute:x not_in a, b", 20, "expected a list such as [a, b] after 'not_in', found 'a'."),
                arguments("attribute:x in []", 17, "expected a value after '[', found ']'."),
                arguments("attribute:x in [a,]", 19, "expected a value after ',', found ']'."),
                arguments("attribute:x in [a, b", 21,
                        "expected ',' or ']' to continue the list opened at position 16."),
                arguments("attribute:x in [a b]", 19,
                        "expected ',' or ']' to continue the list opened at position 16, found 'b'."),
                // unterminated quote
                arguments("attribute:x == 'abc", 16, "unterminated quoted value; expected a closing '."),
                arguments("ec2InstanceId in [\"i-1]", 19, "unterminated quoted value; expected a closing \"."),
                arguments("attribute:x == \"it's", 16, "unterminated quoted value; expected a closing \"."),
                // operator not allowed for the subject
                arguments("ec2InstanceId > i-1", 15,
                        "operator '>' is not allowed for ec2InstanceId; allowed: ==, !=, in, !in, =~, !~."),
                arguments("ec2InstanceId exists", 15,
                        "operator 'exists' is not allowed for ec2InstanceId; allowed: ==, !=, in, !in, =~, !~."),
                arguments("agentVersion in [1.0.0]", 14,
                        "operator 'in' is not allowed for agentVersion; allowed: ==, !=, >, >=, <, <=."),
                arguments("agentVersion matches 1.*", 14,
                        "operator 'matches' is not allowed for agentVersion; allowed: ==, !=, >, >=, <, <=."),
                arguments("registeredAt not_exists", 14,
                        "operator 'not_exists' is not allowed for registeredAt; allowed: ==, !=, >, >=, <, <=."),
                arguments("runningTasksCount =~ 1", 19,
                        "operator '=~' is not allowed for runningTasksCount; allowed: ==, !=, >, >=, <, <=."),
                arguments("agentConnected >= true", 16,
                        "operator '>=' is not allowed for agentConnected; allowed: ==, !=, in, !in, =~, !~."),
                arguments("task:group > a", 12, "operator '>' is not allowed for task:group; "
                        + "allowed: ==, !=, exists, !exists, in, !in, =~, !~."),
                // literals the subject cannot read
                arguments("registeredAt < 2018-13-01", 16, "invalid date '2018-13-01' for registeredAt; " + DATE_FORMS),
                arguments("registeredAt < 2018-02-30", 16, "invalid date '2018-02-30' for registeredAt; " + DATE_FORMS),
                arguments("registeredAt < 2018-06-18T25:00:00Z", 16,
                        "invalid date '2018-06-18T25:00:00Z' for registeredAt; " + DATE_FORMS),
                arguments("registeredAt < 2018-06-18T22:28:28.5Z", 16,
                        "invalid date '2018-06-18T22:28:28.5Z' for registeredAt; " + DATE_FORMS),
                arguments("registeredAt < '2018-06-18 22:28:28'", 16,
                        "invalid date '2018-06-18 22:28:28' for registeredAt; " + DATE_FORMS),
                arguments("registeredAt < yesterday", 16, "invalid date 'yesterday' for registeredAt; " + DATE_FORMS),
                arguments("agentVersion < 1.x", 16,
                        "invalid version '1.x' for agentVersion; expected a semantic version such as 1.14.5."),
                arguments("agentVersion < v1.2.3", 16,
                        "invalid version 'v1.2.3' for agentVersion; expected a semantic version such as 1.14.5."),
                arguments("agentVersion < 1.2.3.4", 16,
                        "invalid version '1.2.3.4' for agentVersion; expected a semantic version such as 1.14.5."),
                arguments("agentVersion < 1.2.3-", 16,
                        "invalid version '1.2.3-' for agentVersion; expected a semantic version such as 1.14.5."),
                arguments("agentVersion < 1..2", 16,
                        "invalid version '1..2' for agentVersion; expected a semantic version such as 1.14.5."),
                arguments("runningTasksCount > one", 21, "invalid integer 'one' for runningTasksCount."),
                arguments("runningTasksCount > 1.5", 21, "invalid integer '1.5' for runningTasksCount."),
                arguments("runningTasksCount > 99999999999999999999", 21,
                        "invalid integer '99999999999999999999' for runningTasksCount."),
                arguments("agentConnected == yes", 19, "invalid value 'yes' for agentConnected; expected true or false."),
                arguments("agentConnected in [true, 1]", 26,
                        "invalid value '1' for agentConnected; expected true or false."),
                arguments("attribute:x =~ '[a-'", 16,
                        "invalid regular expression '[a-': Illegal character range."),
                arguments("task:group matches *x", 20,
                        "invalid regular expression '*x': Dangling meta character '*'."),
                // trailing garbage
                arguments("task:group exists foo", 19,
                        "expected 'and', 'or' or the end of the expression, found 'foo'."),
                arguments("task:group == a b", 17, "expected 'and', 'or' or the end of the expression, found 'b'."),
                arguments("attribute:x == y andattribute:z exists", 18,
                        "expected 'and', 'or' or the end of the expression, found 'andattribute:z'."),
                arguments("task:group == 'a'b", 18, "expected 'and', 'or' or the end of the expression, found 'b'."),
                arguments("task:group exists & task:group exists", 19,
                        "expected 'and', 'or' or the end of the expression, found '&'."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void namesThePositionAndWhatWasExpected(String expression, int position, String message) {
        assertThatThrownBy(() -> ClusterQuery.parse(expression))
                .isInstanceOfSatisfying(EcsException.class,
                        e -> assertThat(e.code()).isEqualTo(EcsErrors.INVALID_PARAMETER))
                .hasMessage("Invalid cluster query at position " + position + ": " + message);
    }

    @Test
    void aNullExpressionIsEmpty() {
        assertThatThrownBy(() -> ClusterQuery.parse(null))
                .isInstanceOf(EcsException.class)
                .hasMessage("Invalid cluster query at position 1: the expression is empty.");
    }
}
