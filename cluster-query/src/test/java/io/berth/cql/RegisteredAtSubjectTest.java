package io.berth.cql;

import static io.berth.cql.TestTarget.anInstance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Literals name a whole second or a whole UTC day; registration times compare at that precision. */
class RegisteredAtSubjectTest {

    private static final String REGISTERED = "2018-06-18T22:28:28.750Z";

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(REGISTERED, "registeredAt == 2018-06-18T22:28:28+00:00", true),
                arguments(REGISTERED, "registeredAt == 2018-06-18T22:28:28Z", true),
                arguments(REGISTERED, "registeredAt == 2018-06-18T22:28:28", true),
                arguments(REGISTERED, "registeredAt == 2018-06-19T00:28:28+02:00", true),
                arguments(REGISTERED, "registeredAt == 2018-06-18T17:28:28-05:00", true),
                arguments(REGISTERED, "registeredAt == 2018-06-18T22:28:29Z", false),
                arguments(REGISTERED, "registeredAt != 2018-06-18T22:28:29Z", true),
                arguments(REGISTERED, "registeredAt > 2018-06-18T22:28:27Z", true),
                arguments(REGISTERED, "registeredAt > 2018-06-18T22:28:28Z", false),
                arguments(REGISTERED, "registeredAt >= 2018-06-18T22:28:28Z", true),
                arguments(REGISTERED, "registeredAt < 2018-06-18T22:28:29Z", true),
                arguments(REGISTERED, "registeredAt <= 2018-06-18T22:28:28", true),
                arguments(REGISTERED, "registeredAt greater_than 2018-06-18T20:00:00-05:00", false),
                arguments(REGISTERED, "registeredAt less_than 2018-06-18T20:00:00-05:00", true),
                arguments(REGISTERED, "registeredAt == 2018-06-18", true),
                arguments(REGISTERED, "registeredAt != 2018-06-18", false),
                arguments(REGISTERED, "registeredAt < 2018-06-19", true),
                arguments(REGISTERED, "registeredAt < 2018-06-18", false),
                arguments(REGISTERED, "registeredAt <= 2018-06-18", true),
                arguments(REGISTERED, "registeredAt > 2018-06-17", true),
                arguments(REGISTERED, "registeredAt > 2018-06-18", false),
                arguments(REGISTERED, "registeredAt >= 2018-06-18", true),
                arguments(REGISTERED, "registeredAt < 2018-02-13", false),
                arguments("2018-06-18T00:00:00Z", "registeredAt == 2018-06-18", true),
                arguments("2018-06-17T23:59:59.999Z", "registeredAt < 2018-06-18", true),
                arguments("1969-12-31T23:00:00Z", "registeredAt == 1969-12-31", true),
                arguments("1969-12-31T23:00:00Z", "registeredAt < 1970-01-01", true),
                arguments("2024-02-29T12:00:00Z", "registeredAt == '2024-02-29'", true));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("cases")
    void comparesTheRegistrationTime(String registeredAt, String expression, boolean expected) {
        assertThat(ClusterQuery.parse(expression).matches(anInstance().withRegisteredAt(registeredAt)))
                .isEqualTo(expected);
    }
}
