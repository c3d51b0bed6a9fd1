package io.berth.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How expressions are read: operator forms, precedence, values, whitespace. */
class ClusterQueryParsingTest {

    private static final String A = "attribute:a exists";
    private static final String B = "attribute:b exists";
    private static final String C = "attribute:c exists";

    static Stream<Arguments> operatorForms() {
        return Stream.of(
                arguments("attribute:x == v", "attribute:x == v"),
                arguments("attribute:x equals v", "attribute:x == v"),
                arguments("attribute:x != v", "attribute:x != v"),
                arguments("attribute:x not_equals v", "attribute:x != v"),
                arguments("attribute:x > 1", "attribute:x > 1"),
                arguments("attribute:x greater_than 1", "attribute:x > 1"),
                arguments("attribute:x >= 1", "attribute:x >= 1"),
                arguments("attribute:x greater_than_equal 1", "attribute:x >= 1"),
                arguments("attribute:x < 1", "attribute:x < 1"),
                arguments("attribute:x less_than 1", "attribute:x < 1"),
                arguments("attribute:x <= 1", "attribute:x <= 1"),
                arguments("attribute:x less_than_equal 1", "attribute:x <= 1"),
                arguments("attribute:x exists", "attribute:x exists"),
                arguments("attribute:x !exists", "attribute:x !exists"),
                arguments("attribute:x not_exists", "attribute:x !exists"),
                arguments("attribute:x in [v]", "attribute:x in [v]"),
                arguments("attribute:x !in [v]", "attribute:x !in [v]"),
                arguments("attribute:x not_in [v]", "attribute:x !in [v]"),
                arguments("attribute:x =~ v.*", "attribute:x =~ v.*"),
                arguments("attribute:x matches v.*", "attribute:x =~ v.*"),
                arguments("attribute:x !~ v.*", "attribute:x !~ v.*"),
                arguments("attribute:x not_matches v.*", "attribute:x !~ v.*"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operatorForms")
    void symbolAndWordFormsOfAnOperatorReadTheSame(String expression, String canonical) {
        assertThat(ClusterQuery.parse(expression).canonical()).isEqualTo(canonical);
    }

    static Stream<Arguments> precedence() {
        return Stream.of(
                arguments(A + " or " + B + " and " + C, "(" + A + " or (" + B + " and " + C + "))"),
                arguments(A + " and " + B + " or " + C, "((" + A + " and " + B + ") or " + C + ")"),
                arguments(A + " || " + B + " && " + C, "(" + A + " or (" + B + " and " + C + "))"),
                arguments("(" + A + " or " + B + ") and " + C, "((" + A + " or " + B + ") and " + C + ")"),
                arguments("not " + A + " and " + B, "(not " + A + " and " + B + ")"),
                arguments("!" + A + " or " + B, "(not " + A + " or " + B + ")"),
                arguments("not (" + A + " and " + B + ")", "not (" + A + " and " + B + ")"),
                arguments("not(" + A + ")", "not " + A),
                arguments("!!" + A, "not not " + A),
                arguments("not not " + A, "not not " + A),
                arguments(A + " or " + B + " or " + C, "((" + A + " or " + B + ") or " + C + ")"),
                arguments(A + " and " + B + " and " + C, "((" + A + " and " + B + ") and " + C + ")"),
                arguments("((" + A + "))", A),
                arguments("not(task:group == database)", "not task:group == database"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("precedence")
    void notBindsTighterThanAndWhichBindsTighterThanOr(String expression, String canonical) {
        assertThat(ClusterQuery.parse(expression).canonical()).isEqualTo(canonical);
    }

    static Stream<Arguments> valuesAndSpacing() {
        return Stream.of(
                arguments("ec2InstanceId in ['i-abcd1234', \"i-wxyx7890\", i-0]",
                        "ec2InstanceId in [i-abcd1234, i-wxyx7890, i-0]"),
                arguments("attribute:x in[a,b]", "attribute:x in [a, b]"),
                arguments("attribute:x == 'two words'", "attribute:x == two words"),
                arguments("attribute:x == \"it's\"", "attribute:x == it's"),
                arguments("attribute:x == '(a|b) && c'", "attribute:x == (a|b) && c"),
                arguments("attribute:x == ''", "attribute:x == "),
                arguments("attribute:x==v&&attribute:y!=w||!attribute:z exists",
                        "((attribute:x == v and attribute:y != w) or not attribute:z exists)"),
                arguments("  \tattribute:x\n==\r\nv  ", "attribute:x == v"),
                arguments("attribute:x =~ a|b", "attribute:x =~ a|b"),
                arguments("attribute:x == or or attribute:y exists", "(attribute:x == or or attribute:y exists)"),
                arguments("attribute:android exists and(attribute:order exists)",
                        "(attribute:android exists and attribute:order exists)"),
                arguments("attribute:my/custom\\attr_1 exists", "attribute:my/custom\\attr_1 exists"),
                arguments("task:group == service:production", "task:group == service:production"),
                arguments("registeredAt >= 2018-06-18T22:28:28+00:00", "registeredAt >= 2018-06-18T22:28:28+00:00"),
                arguments("runningTasksCount<=-1", "runningTasksCount <= -1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesAndSpacing")
    void valuesAreQuotedOrBareAndWhitespaceIsFree(String expression, String canonical) {
        assertThat(ClusterQuery.parse(expression).canonical()).isEqualTo(canonical);
    }

    @Test
    void expressionAndToStringReturnTheTextAsGiven() {
        String text = "  attribute:x equals 'v' ";
        ClusterQuery query = ClusterQuery.parse(text);

        assertThat(query.expression()).isEqualTo(text);
        assertThat(query).hasToString(text);
    }

    @Test
    void anExpressionOfExactly2000CharactersIsAccepted() {
        String prefix = "attribute:x == ";
        String text = prefix + "v".repeat(Parser.MAX_LENGTH - prefix.length());

        assertThat(ClusterQuery.parse(text).matches(TestTarget.anInstance().withAttribute("x",
                "v".repeat(Parser.MAX_LENGTH - prefix.length())))).isTrue();
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        int depth = Parser.MAX_DEPTH;
        String text = "(".repeat(depth - 1) + "!" + A + ")".repeat(depth - 1);

        assertThat(ClusterQuery.parse(text).canonical()).isEqualTo("not " + A);
    }
}
