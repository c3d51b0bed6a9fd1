package io.berth.agent.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.ecs.EcsException;
import io.berth.ecs.EcsRequest;
import io.berth.events.EventJson;
import io.berth.events.Shapes.Attribute;
import io.berth.events.Shapes.Resource;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistrationTest {

    /** An identity document as the instance metadata service prints it: indented, on several lines. */
    static final String DOCUMENT = "{\\n  \\\"accountId\\\" : \\\"123456789012\\\",\\n  \\\"architecture\\\" : \\\"arm64\\\",\\n"
            + "  \\\"availabilityZone\\\" : \\\"eu-west-1b\\\",\\n  \\\"imageId\\\" : \\\"ami-0abcdef1234567890\\\",\\n"
            + "  \\\"instanceId\\\" : \\\"i-0123456789abcdef0\\\",\\n  \\\"instanceType\\\" : \\\"m6g.large\\\",\\n"
            + "  \\\"region\\\" : \\\"eu-west-1\\\"\\n}";

    static Registration of(String json) throws Exception {
        return Registration.of(EcsRequest.of(EventJson.mapper().readTree(json)));
    }

    static String attributes(List<String> names) {
        return names.stream().map(n -> "{\"name\":\"" + n + "\"}").collect(Collectors.joining(",", "[", "]"));
    }

    static void invalid(String json, String code, String message) {
        assertThatThrownBy(() -> of(json)).isInstanceOfSatisfying(EcsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void theAttributesAreWhatTheAgentReportedPlusWhatTheDocumentSays() throws Exception {
        Registration registration = of("{\"instanceIdentityDocument\":\"" + DOCUMENT + "\",\"attributes\":["
                + "{\"name\":\"ecs.capability.task-eni\"},{\"name\":\"ecs.os-type\",\"value\":\"linux\"},"
                + "{\"name\":\"ecs.capability.cni-plugin-version\",\"value\":\"4fd2ef7c-2024.09.0\"},"
                + "{\"name\":\"stack\",\"value\":\"prod\"}]}");
        assertThat(registration.attributes()).containsExactly(
                new Attribute("ecs.ami-id", "ami-0abcdef1234567890", null, null),
                new Attribute("ecs.instance-type", "m6g.large", null, null),
                new Attribute("ecs.availability-zone", "eu-west-1b", null, null),
                new Attribute("ecs.cpu-architecture", "arm64", null, null),
                new Attribute("ecs.capability.task-eni", null, null, null),
                new Attribute("ecs.os-type", "linux", null, null),
                new Attribute("ecs.capability.cni-plugin-version", "4fd2ef7c-2024.09.0", null, null),
                new Attribute("stack", "prod", null, null));
        assertThat(registration.document().instanceId()).isEqualTo("i-0123456789abcdef0");
    }

    @Test
    void nothingIsAddedThatNeitherTheAgentNorTheDocumentSaid() throws Exception {
        assertThat(of("{\"totalResources\":[{\"name\":\"CPU\",\"integerValue\":1024},"
                + "{\"name\":\"MEMORY\",\"integerValue\":512}],\"instanceIdentityDocument\":\"\"}").attributes()).isEmpty();
    }

    @Test
    void fiftyBuiltInAttributesAndTenCustomOnesAreAccepted() throws Exception {
        List<String> names = new java.util.ArrayList<>();
        IntStream.range(0, 25).forEach(i -> names.add("com.amazonaws.ecs.capability.docker-remote-api.1." + i));
        IntStream.range(0, 25).forEach(i -> names.add("ecs.capability.feature-" + i));
        IntStream.range(0, 10).forEach(i -> names.add("custom-" + i));
        String document = ",\"instanceIdentityDocument\":\"" + DOCUMENT + "\"";
        assertThat(of("{\"attributes\":" + attributes(names) + document + "}").attributes()).hasSize(64);

        names.add("custom-10");
        invalid("{\"attributes\":" + attributes(names) + document + "}", "AttributeLimitExceededException",
                "at most 10 custom attributes");
    }

    @Test
    void withoutTotalResourcesTheInstanceTypeOfTheDocumentSaysWhatAHostOfThatTypeReports() throws Exception {
        assertThat(of("{\"instanceIdentityDocument\":\"" + DOCUMENT + "\"}").resources()).containsExactly(
                new Resource("CPU", "INTEGER", 2048L, null),
                new Resource("MEMORY", "INTEGER", 8192L - 410, null),
                new Resource("PORTS", "STRINGSET", null, List.of("22", "2375", "2376", "51678", "51679")),
                new Resource("PORTS_UDP", "STRINGSET", null, List.of()));
        assertThat(of("{\"instanceIdentityDocument\":\"" + DOCUMENT + "\",\"totalResources\":[{\"name\":\"MEMORY\","
                + "\"type\":\"INTEGER\",\"integerValue\":4000}]}").resources()).startsWith(
                new Resource("CPU", "INTEGER", 2048L, null), new Resource("MEMORY", "INTEGER", 4000L, null));
    }

    @Test
    void resourcesTheAgentReportedAreKeptAsTheyAre() throws Exception {
        assertThat(of("{\"totalResources\":[{\"name\":\"CPU\",\"type\":\"INTEGER\",\"integerValue\":4096},"
                + "{\"name\":\"MEMORY\",\"type\":\"INTEGER\",\"integerValue\":15000},{\"name\":\"PORTS\","
                + "\"type\":\"STRINGSET\",\"stringSetValue\":[\"22\",\"2375\",\"2376\",\"51678\",\"51679\",\"51680\"]},"
                + "{\"name\":\"PORTS_UDP\",\"type\":\"STRINGSET\",\"stringSetValue\":[]}]}").resources()).containsExactly(
                new Resource("CPU", "INTEGER", 4096L, null), new Resource("MEMORY", "INTEGER", 15000L, null),
                new Resource("PORTS", "STRINGSET", null, List.of("22", "2375", "2376", "51678", "51679", "51680")),
                new Resource("PORTS_UDP", "STRINGSET", null, List.of()));
    }

    @Test
    void resourcesThatCannotBeKnownAreAClearError() {
        invalid("{}", "InvalidParameterException", "instanceIdentityDocument must name the instanceType");
        invalid("{\"instanceIdentityDocument\":\"{\\\"instanceType\\\":\\\"x9.colossal\\\"}\"}",
                "InvalidParameterException", "does not know the size of instance type x9.colossal");
        invalid("{\"instanceIdentityDocument\":\"[1]\"}", "InvalidParameterException", "must be a JSON object");
        invalid("{\"instanceIdentityDocument\":\"{\"}", "InvalidParameterException", "is not valid JSON");
        invalid("{\"instanceIdentityDocument\":\"" + DOCUMENT + "\",\"totalResources\":[{\"name\":\"PORTS\","
                + "\"stringSetValue\":[\"22\",\"http\"]}]}", "InvalidParameterException", "not 'http'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"a b\"}", "{\"name\":\"a@b\"}", "{\"name\":\"a:b\"}",
            "{\"name\":\"k\",\"value\":\" lead\"}", "{\"name\":\"k\",\"value\":\"trail \"}",
            "{\"name\":\"k\",\"value\":\"a=b\"}", "{\"name\":\"k\",\"value\":\"a+b\"}", "{\"name\":\"k\",\"value\":\"\"}"})
    void attributeNamesAndValuesFollowTheEcsPattern(String attribute) {
        invalid("{\"instanceIdentityDocument\":\"" + DOCUMENT + "\",\"attributes\":[" + attribute + "]}",
                "InvalidParameterException", "is invalid");
    }

    @Test
    void backslashesColonsAndInnerSpacesAreValidInValues() throws Exception {
        assertThat(of("{\"instanceIdentityDocument\":\"" + DOCUMENT + "\",\"attributes\":[{\"name\":\"a\\\\\\\\b/c\","
                + "\"value\":\"x:y z\\\\\\\\w@v\"}]}").attributes()).contains(new Attribute("a\\\\b/c", "x:y z\\\\w@v",
                null, null));
    }

    @Test
    void aClientTokenIsShortPrintableAscii() {
        invalid("{\"instanceIdentityDocument\":\"" + DOCUMENT + "\",\"clientToken\":\"" + "t".repeat(37) + "\"}",
                "InvalidParameterException", "clientToken");
        invalid("{\"instanceIdentityDocument\":\"" + DOCUMENT + "\",\"clientToken\":\"a b\"}",
                "InvalidParameterException", "clientToken");
    }
}
