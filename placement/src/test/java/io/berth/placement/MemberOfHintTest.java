package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class MemberOfHintTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "attribute:rack == r1                                      | rack=[r1]",
            "attribute:rack equals 'r 1'                               | rack=[r 1]",
            "attribute:rack==r1                                        | rack=[r1]",
            "attribute:ecs.availability-zone in [us-east-1a, us-east-1b] | ecs.availability-zone=[us-east-1a, us-east-1b]",
            "attribute:gpu exists                                      | gpu=[]",
            "attribute:rack == r1 and attribute:gpu exists             | rack=[r1];gpu=[]",
            "attribute:rack == r1 && runningTasksCount < 3             | rack=[r1]",
            "attribute:rack == r1 or attribute:rack == r2              | ''",
            "attribute:rack == r1 AND attribute:gpu exists             | ''",
            "not attribute:rack == r1                                  | ''",
            "(attribute:rack == r1)                                    | ''",
            "attribute:rack != r1                                      | ''",
            "attribute:rack =~ r.*                                     | ''",
            "attribute:rack in [r1, 'a and b']                         | rack=[r1, a and b]",
            "task:group == service:web                                 | ''",
    })
    void readsOnlyNecessaryConditions(String expression, String expected) {
        assertThat(MemberOfHint.of(expression).stream()
                .map(h -> h.attribute() + "=" + h.values())
                .collect(Collectors.joining(";"))).isEqualTo(expected);
    }
}
