package io.berth.cql;

import static io.berth.cql.TestTarget.anInstance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code attribute:<name>}: strings, whole-value regexes, numeric-or-lexical ordering, absence. */
class AttributeSubjectTest {

    private static final TestTarget SMALL = anInstance()
            .withAttribute("ecs.instance-type", "t2.small")
            .withAttribute("disk", "10");

    static Stream<Arguments> presentAttribute() {
        return Stream.of(
                arguments("attribute:ecs.instance-type == t2.small", true),
                arguments("attribute:ecs.instance-type == t2.micro", false),
                arguments("attribute:ecs.instance-type == T2.SMALL", false),
                arguments("attribute:ecs.instance-type != t2.micro", true),
                arguments("attribute:ecs.instance-type != t2.small", false),
                arguments("attribute:ecs.instance-type in [t2.micro, t2.small]", true),
                arguments("attribute:ecs.instance-type in [t2.micro]", false),
                arguments("attribute:ecs.instance-type not_in [t2.micro]", true),
                arguments("attribute:ecs.instance-type !in [t2.small, t2.micro]", false),
                arguments("attribute:ecs.instance-type =~ t2.*", true),
                arguments("attribute:ecs.instance-type =~ t2", false),
                arguments("attribute:ecs.instance-type =~ small", false),
                arguments("attribute:ecs.instance-type =~ .*small", true),
                arguments("attribute:ecs.instance-type =~ 't2\\.(small|micro)'", true),
                arguments("attribute:ecs.instance-type !~ g2.*", true),
                arguments("attribute:ecs.instance-type not_matches t2.*", false),
                arguments("attribute:ecs.instance-type exists", true),
                arguments("attribute:ecs.instance-type !exists", false),
                arguments("attribute:ecs.instance-type not_exists", false),
                arguments("attribute:disk > 9", true),
                arguments("attribute:disk < 9", false),
                arguments("attribute:disk >= 10.0", true),
                arguments("attribute:disk <= 10", true),
                arguments("attribute:disk > 10", false),
                arguments("attribute:disk > -1", true),
                arguments("attribute:disk < 10.01", true),
                arguments("attribute:disk == 10.0", false),
                arguments("attribute:ecs.instance-type > t2.micro", true),
                arguments("attribute:ecs.instance-type < t2.micro", false),
                arguments("attribute:ecs.instance-type > 9", true));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("presentAttribute")
    void comparesAPresentAttribute(String expression, boolean expected) {
        assertThat(ClusterQuery.parse(expression).matches(SMALL)).isEqualTo(expected);
    }

    static Stream<Arguments> numericOrdering() {
        return Stream.of(
                arguments("-5", "attribute:n < -1", true),
                arguments("-5", "attribute:n > -10", true),
                arguments("-0", "attribute:n == 0", false),
                arguments("-0", "attribute:n >= 0", true),
                arguments("0.00", "attribute:n <= 0", true),
                arguments("2.5", "attribute:n > 2.45", true),
                arguments("2.5", "attribute:n < 2.50001", true),
                arguments("007", "attribute:n >= 7", true),
                arguments("100000000000000000000000", "attribute:n > 99999999999999999999999", true),
                arguments("1.5.0", "attribute:n > 1.49", true),
                arguments("abc", "attribute:n > 9", true));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("numericOrdering")
    void ordersNumbersByValueAndOtherTextLexically(String value, String expression, boolean expected) {
        assertThat(ClusterQuery.parse(expression).matches(anInstance().withAttribute("n", value)))
                .isEqualTo(expected);
    }

    static Stream<Arguments> absentAttribute() {
        return Stream.of(
                arguments("attribute:gpu == x", false),
                arguments("attribute:gpu != x", false),
                arguments("attribute:gpu > 1", false),
                arguments("attribute:gpu >= 1", false),
                arguments("attribute:gpu < 1", false),
                arguments("attribute:gpu <= 1", false),
                arguments("attribute:gpu in [x]", false),
                arguments("attribute:gpu not_in [x]", false),
                arguments("attribute:gpu =~ .*", false),
                arguments("attribute:gpu !~ x", false),
                arguments("attribute:gpu exists", false),
                arguments("attribute:gpu !exists", true),
                arguments("attribute:gpu not_exists", true),
                arguments("not(attribute:gpu == x)", true),
                arguments("not attribute:gpu in [x]", true));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("absentAttribute")
    void everyComparisonOnAnAbsentAttributeIsFalse(String expression, boolean expected) {
        assertThat(ClusterQuery.parse(expression).matches(SMALL)).isEqualTo(expected);
    }

    static Stream<Arguments> negations() {
        return Stream.of(
                arguments("attribute:x != y", "not(attribute:x == y)"),
                arguments("attribute:x not_in [y, z]", "not(attribute:x in [y, z])"),
                arguments("attribute:x !~ y.*", "not(attribute:x =~ y.*)"));
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @MethodSource("negations")
    void aNegativeOperatorDiffersFromNegationOnlyWhenTheAttributeIsAbsent(String negative, String negated) {
        ClusterQuery operator = ClusterQuery.parse(negative);
        ClusterQuery not = ClusterQuery.parse(negated);
        for (String value : new String[] {"y", "z", "yes", "other", ""}) {
            TestTarget present = anInstance().withAttribute("x", value);
            assertThat(operator.matches(present)).as(value).isEqualTo(not.matches(present));
        }
        TestTarget absent = anInstance().withAttribute("x", null);
        assertThat(operator.matches(absent)).isFalse();
        assertThat(not.matches(absent)).isTrue();
    }
}
