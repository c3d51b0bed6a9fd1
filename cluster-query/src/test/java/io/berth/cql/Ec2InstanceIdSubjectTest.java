package io.berth.cql;

import static io.berth.cql.TestTarget.anInstance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Ec2InstanceIdSubjectTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("i-abcd1234", "ec2InstanceId == i-abcd1234", true),
                arguments("i-abcd1234", "ec2InstanceId equals 'i-abcd1234'", true),
                arguments("i-abcd1234", "ec2InstanceId == i-wxyx7890", false),
                arguments("i-abcd1234", "ec2InstanceId != i-wxyx7890", true),
                arguments("i-abcd1234", "ec2InstanceId != i-abcd1234", false),
                arguments("i-abcd1234", "ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']", true),
                arguments("i-abcd1234", "ec2InstanceId in [i-wxyx7890]", false),
                arguments("i-abcd1234", "ec2InstanceId not_in [i-wxyx7890]", true),
                arguments("i-abcd1234", "ec2InstanceId !in [i-abcd1234]", false),
                arguments("i-abcd1234", "ec2InstanceId =~ i-abcd.*", true),
                arguments("i-abcd1234", "ec2InstanceId =~ abcd", false),
                arguments("i-abcd1234", "ec2InstanceId !~ i-.*", false),
                arguments("i-abcd1234", "ec2InstanceId not_matches i-0.*", true),
                arguments(null, "ec2InstanceId == i-abcd1234", false),
                arguments(null, "ec2InstanceId != i-abcd1234", false),
                arguments(null, "ec2InstanceId in [i-abcd1234]", false),
                arguments(null, "ec2InstanceId not_in [i-abcd1234]", false),
                arguments(null, "ec2InstanceId =~ .*", false),
                arguments(null, "ec2InstanceId !~ i-.*", false),
                arguments(null, "not ec2InstanceId == i-abcd1234", true));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("cases")
    void comparesTheInstanceIdAsAStringAndNeverMatchesAMissingOne(String id, String expression, boolean expected) {
        assertThat(ClusterQuery.parse(expression).matches(anInstance().withEc2InstanceId(id))).isEqualTo(expected);
    }
}
