package io.berth.cluster.taskdefinition;

import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.assertClientException;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.ec2;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Task-level {@code cpu} and {@code memory}: the accepted spellings and what they become. */
class TaskSizeTest {

    static Stream<Arguments> cpu() {
        return Stream.of(
                arguments("1024", "1024"),
                arguments(1024, "1024"),
                arguments("1 vCPU", "1024"),
                arguments("1 vcpu", "1024"),
                arguments("1vCPU", "1024"),
                arguments("2 VCPU", "2048"),
                arguments("0.5 vCPU", "512"),
                arguments(".25 vCPU", "256"),
                arguments("0.125 vCPU", "128"),
                arguments(" 512 ", "512"),
                arguments("00256", "256"),
                arguments("128", "128"),
                arguments("196608", "196608"),
                arguments("192 vCPU", "196608"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cpu")
    void normalisesCpuToUnits(Object given, String expected) {
        assertThat(validate(ec2().with("cpu", given)).get("cpu").textValue()).isEqualTo(expected);
    }

    static Stream<Arguments> invalidCpu() {
        return Stream.of(
                arguments("127"),
                arguments(127),
                arguments("196609"),
                arguments("193 vCPU"),
                arguments("0"),
                arguments("-1024"),
                arguments(-1024),
                arguments("1.5"),
                arguments("0.3 vCPU"),
                arguments("1e3"),
                arguments("1 GB"),
                arguments("1024 units"),
                arguments("one"),
                arguments(""),
                arguments("  "),
                arguments(new BigInteger("99999999999999999999999")),
                arguments("99999999999999999999999"));
    }

    @ParameterizedTest(name = "cpu ''{0}''")
    @MethodSource("invalidCpu")
    void rejectsCpuOutsideTheEc2Range(Object given) {
        assertClientException(ec2().with("cpu", given), "Invalid 'cpu' setting for task.");
    }

    static Stream<Arguments> memory() {
        return Stream.of(
                arguments("512", "512"),
                arguments(512, "512"),
                arguments("1GB", "1024"),
                arguments("1 GB", "1024"),
                arguments("1 gb", "1024"),
                arguments("0.5GB", "512"),
                arguments("30 GB", "30720"),
                arguments("6", "6"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("memory")
    void normalisesMemoryToMib(Object given, String expected) {
        // Without a container limit, which could not exceed a task of 6 MiB.
        TaskDefinitionRequests.Request request = ec2().container(c -> c.without("memory")).with("memory", given);

        assertThat(validate(request).get("memory").textValue()).isEqualTo(expected);
    }

    static Stream<Arguments> invalidMemory() {
        return Stream.of(
                arguments("5"),
                arguments(0),
                arguments("-512"),
                arguments("1.5"),
                arguments("0.0001GB"),
                arguments("1 vCPU"),
                arguments("512 MiB"),
                arguments("3000000 GB"),
                arguments("lots"));
    }

    @ParameterizedTest(name = "memory ''{0}''")
    @MethodSource("invalidMemory")
    void rejectsMemoryThatIsNotAWholeNumberOfMib(Object given) {
        assertClientException(ec2().with("memory", given), "Invalid 'memory' setting for task.");
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(arguments(true), arguments(1.5), arguments(List.of("1024")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongTypes")
    void rejectsTaskSizesThatAreNeitherTextNorWholeNumbers(Object given) {
        assertClientException(ec2().with("cpu", given), "Invalid type for 'cpu': expected a string or an integer.");
        assertClientException(ec2().with("memory", given),
                "Invalid type for 'memory': expected a string or an integer.");
    }
}
