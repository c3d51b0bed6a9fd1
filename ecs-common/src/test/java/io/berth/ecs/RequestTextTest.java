package io.berth.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.EventJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTextTest {

    static JsonNode json(String text) throws Exception {
        return EventJson.mapper().readTree(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\u0001", "\\u0007", "\\u000b", "\\u000c", "\\u001b", "\\u001f", "\\u007f",
            "\\u0085", "\\u009f", "\\ud800", "\\udfff"})
    void aControlCharacterOrALoneSurrogateIsFoundAndNamed(String escaped) throws Exception {
        var violation = RequestText.firstViolation(json("{\"cluster\":\"web" + escaped + "\"}"));
        assertThat(violation).isPresent();
        assertThat(violation.get().member()).isEqualTo("cluster");
        assertThat(violation.get().character()).isEqualTo(Integer.parseInt(escaped.substring(2), 16));
        assertThat(violation.get().message()).startsWith("Member 'cluster' contains the character U+"
                + escaped.substring(2).toUpperCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tab\\tand\\nlines\\r\\n", "é ü 中文 emoji \\ud83d\\ude00", "plain", ""})
    void textThatClientsLegitimatelySendPasses(String text) throws Exception {
        assertThat(RequestText.firstViolation(json("{\"command\":[\"sh\",\"-c\",\"" + text + "\"],\"n\":1,"
                + "\"b\":true,\"z\":null}"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"containerDefinitions\":[{\"name\":\"a\"},{\"environment\":[{\"value\":\"\\u0000\"}]}]}"
                    + "|containerDefinitions[1].environment[0].value",
            "{\"tags\":[{\"k\\u0001ey\":\"v\"}]}|tags[0].k\\u0001ey",
            "{\"a\":\"ok\",\"b\":{\"c\":[\"ok\",\"\\u0002\"]},\"d\":\"\\u0003\"}|b.c[1]",
            "[\"\\u0004\"]|[0]"})
    void theFirstViolationInDocumentOrderIsNamedByItsPath(String body, String path) throws Exception {
        assertThat(RequestText.firstViolation(json(body)).orElseThrow().member()).isEqualTo(path);
    }
}
