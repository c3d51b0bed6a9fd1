package io.berth.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutcomeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "200 | {}                                                            | Ok[]",
            "204 | ''                                                            | Ok[]",
            "400 | {\"__type\":\"ClusterNotFoundException\",\"message\":\"x\"} | ClientError[type=ClusterNotFoundException]",
            "400 | {\"__type\":\"com.amazonaws.ecs#ClientException\"}          | ClientError[type=ClientException]",
            "400 | {\"__type\":\"ThrottlingException:http://internal/\"}      | ClientError[type=ThrottlingException]",
            "404 | <html>not here</html>                                         | ClientError[type=HTTP 404]",
            "302 | ''                                                            | ClientError[type=HTTP 302]",
            "500 | {\"__type\":\"ServerException\"}                            | ServerError[]",
            "503 | ''                                                            | ServerError[]"})
    void answersAreClassifiedByStatusAndClientErrorsByTheirBareType(int status, String body, String expected) {
        assertThat(Outcome.of(new EcsResponse(status, body))).hasToString(expected);
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void missingAnswersAreNamedByTheExceptionUnderAnyWrapping(boolean wrapped) {
        Throwable timeout = new HttpTimeoutException("request timed out");

        Outcome outcome = Outcome.of(wrapped ? new CompletionException(timeout) : timeout);

        assertThat(outcome).isEqualTo(new Outcome.TransportError("HttpTimeoutException"));
    }
}
