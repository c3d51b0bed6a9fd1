package io.berth.logs.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.berth.logs.filter.FilterPattern.InvalidFilterPatternException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterPatternTest {

    static Stream<Arguments> patterns() {
        return Stream.of(
                arguments("", "anything at all", true),
                arguments("\"\"", "anything at all", true),
                arguments("ERROR", "2026-12-05 ERROR disk full", true),
                arguments("ERROR", "2026-12-05 error disk full", false),
                arguments("ERROR", "[ERRORS] many", true),
                arguments("ERROR disk", "ERROR disk full", true),
                arguments("ERROR disk", "ERROR memory", false),
                arguments("?ERROR ?WARN", "WARN low memory", true),
                arguments("?ERROR ?WARN", "INFO started", false),
                arguments("ERROR -timeout", "ERROR timeout while reading", false),
                arguments("ERROR -timeout", "ERROR disk full", true),
                arguments("\"disk full\"", "ERROR disk full", true),
                arguments("\"disk full\"", "ERROR full disk", false),
                arguments("\"user: 42\"", "login user: 42", true),
                arguments("%[0-9]{3} ms%", "GET / 200 123 ms", true),
                arguments("%[0-9]{3} ms%", "GET / 200 12 ms", false),
                arguments("{ $.level = \"ERROR\" }", "{\"level\":\"ERROR\",\"msg\":\"x\"}", true),
                arguments("{ $.level = \"ERROR\" }", "{\"level\":\"INFO\"}", false),
                arguments("{ $.level = \"ERROR\" }", "ERROR not json", false),
                arguments("{ $.level = ERR* }", "{\"level\":\"ERROR\"}", true),
                arguments("{ $.level != \"INFO\" }", "{\"level\":\"WARN\"}", true),
                arguments("{ $.level != \"INFO\" }", "{\"other\":1}", false),
                arguments("{ $.latency > 100 }", "{\"latency\":250}", true),
                arguments("{ $.latency > 100 }", "{\"latency\":50}", false),
                arguments("{ $.latency >= 50 && $.status = 500 }", "{\"latency\":50,\"status\":500}", true),
                arguments("{ $.latency >= 50 && $.status = 500 }", "{\"latency\":50,\"status\":200}", false),
                arguments("{ ($.a = 1) || ($.b = 2) }", "{\"b\":2}", true),
                arguments("{ $.a = 1 || $.b = 2 && $.c = 3 }", "{\"a\":1,\"c\":0}", true),
                arguments("{ $.user.id = 7 }", "{\"user\":{\"id\":7}}", true),
                arguments("{ $.items[1].name = \"b\" }", "{\"items\":[{\"name\":\"a\"},{\"name\":\"b\"}]}", true),
                arguments("{ $.error IS TRUE }", "{\"error\":true}", true),
                arguments("{ $.error IS FALSE }", "{\"error\":true}", false),
                arguments("{ $.error IS NULL }", "{\"error\":null}", true),
                arguments("{ $.trace NOT EXISTS }", "{\"error\":null}", true),
                arguments("{ $.trace EXISTS }", "{\"trace\":\"t\"}", true),
                arguments("{ $.msg = %tim.out% }", "{\"msg\":\"timeout\"}", true),
                arguments("[ip, user, status = 404, bytes]", "10.0.0.1 alice 404 512", true),
                arguments("[ip, user, status = 404, bytes]", "10.0.0.1 alice 200 512", false),
                arguments("[ip, user, status = 404, bytes]", "10.0.0.1 alice 404", false),
                arguments("[..., status = 4* || status = 5*, bytes > 1000]", "a b c 503 2048", true),
                arguments("[..., status = 4* || status = 5*, bytes > 1000]", "a b c 503 20", false),
                arguments("[ip, request, status]", "10.0.0.1 \"GET / HTTP/1.1\" 200", true),
                arguments("[ip, time, ...]", "10.0.0.1 [10/Oct/2000:13:55:36 -0700] GET /", true));
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("patterns")
    void matchesAsCloudWatchDoes(String pattern, String message, boolean matches) {
        assertThat(FilterPattern.parse(pattern).matches(message)).isEqualTo(matches);
    }

    @Test
    void plainTermsAndPhrasesAreTheTextEveryMatchContains() {
        assertThat(FilterPattern.parse("ERROR \"disk full\" -timeout").requiredText()).containsExactly("ERROR",
                "disk full");
        assertThat(FilterPattern.parse("?ERROR ?WARN").requiredText()).isEmpty();
        assertThat(FilterPattern.parse("{ $.level = \"ERROR\" }").requiredText()).isEmpty();
    }

    @Test
    void spaceDelimitedPatternsExtractTheirFields() {
        assertThat(FilterPattern.parse("[ip, user, status]").extract("10.0.0.1 bob 200"))
                .contains(Map.of("ip", "10.0.0.1", "user", "bob", "status", "200"));
        assertThat(FilterPattern.parse("ERROR").extract("ERROR")).isEmpty();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("ERROR[1]", "Invalid character(s) in term 'ERROR[1]'"),
                arguments("\"unterminated", "unterminated quoted string"),
                arguments("{ $.level = \"ERROR\" ", "must end with '}'"),
                arguments("{ level = 1 }", "selectors start with $."),
                arguments("{ $.latency > fast }", "'>' compares numbers"),
                arguments("{ $.a IS MAYBE }", "IS must be followed by NULL, TRUE or FALSE"),
                arguments("{ ($.a = 1 }", "')'"),
                arguments("%(a|b)%", "parentheses"),
                arguments("[ip, , status]", "empty field"),
                arguments("x".repeat(1025), "longer than 1024"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void patternsThatCannotBeReadSayWhy(String pattern, String message) {
        assertThatThrownBy(() -> FilterPattern.parse(pattern)).isInstanceOf(InvalidFilterPatternException.class)
                .hasMessageContaining(message);
    }
}
