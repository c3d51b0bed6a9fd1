package io.berth.gateway.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.EventJson;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The envelope of the JSON 1.1 protocols as the gateway checks it, before anything reaches an
 * owner, and each API's spelling of its errors. In this test no owner runs, so forwarding meets a
 * service that does not answer.
 */
@QuarkusTest
class JsonApiEndpointTest {

    static final String ECS = "AmazonEC2ContainerServiceV20141113.";
    static final String ECR = "AmazonEC2ContainerRegistry_V20150921.";

    @TestHTTPResource("/")
    URI endpoint;
    @Inject
    DataSource dataSource;

    /** What the client saw: status, headers and the parsed JSON body. */
    record Answer(HttpResponse<byte[]> response, JsonNode body) {

        Answer error(int status, String type) {
            assertThat(response.statusCode()).as("status").isEqualTo(status);
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains(type);
            assertThat(response.headers().firstValue("Content-Type")).contains(JsonApiEndpoint.AMZ_JSON);
            assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
            assertThat(body.path("__type").asText()).isEqualTo(type);
            return this;
        }

        String message() {
            return body.has("message") ? body.get("message").asText() : body.path("Message").asText();
        }
    }

    Answer post(String target, byte[] body, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", JsonApiEndpoint.AMZ_JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response, EventJson.mapper().readTree(response.body()));
    }

    Answer post(String target, String body) throws IOException, InterruptedException {
        return post(target, body.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void anUnknownTargetIsAClientErrorNamingIt() throws Exception {
        assertThat(post(ECS + "LaunchRockets", "{}").error(400, "UnknownOperationException").message())
                .contains("LaunchRockets");
        post(null, "{}").error(400, "UnknownOperationException");
        post("SomethingElse.ListClusters", "{}").error(400, "UnknownOperationException");
    }

    @Test
    void anOperationBerthDoesNotImplementYetSaysSo() throws Exception {
        assertThat(post(ECS + "GetTaskProtection", "{\"cluster\":\"web\"}").error(400,
                "UnsupportedFeatureException").message())
                .isEqualTo("Berth does not implement the ECS operation GetTaskProtection yet.");
        post(ECS + "TagResource", "{\"resourceArn\":\"arn:aws:ecs:us-east-1:000000000000:task-set/c/s/ecs-svc-1\",\"tags\":[]}")
                .error(400, "UnsupportedFeatureException");
        Answer autoScaling = post("AnyScaleFrontendService.GetPredictiveScalingForecast", "{}")
                .error(400, "UnsupportedFeatureException");
        assertThat(autoScaling.body().path("Message").asText()).contains("GetPredictiveScalingForecast");
        assertThat(post("AnyScaleFrontendService.ScaleEverything", "{}").error(400, "UnknownOperationException")
                .body().path("Message").asText()).contains("AnyScaleFrontendService.ScaleEverything");
        assertThat(post("AnyScaleFrontendService.DescribeScalableTargets", "{\"a\":").error(400,
                "SerializationException").body().has("Message")).isTrue();
    }

    @Test
    void ecrOperationsAreCheckedAgainstTheEcrModelAndAnsweredInItsErrorFormat() throws Exception {
        Answer unknown = post(ECR + "PushEverything", "{}").error(400, "UnknownOperationException");
        assertThat(unknown.body().path("message").asText()).contains(ECR + "PushEverything");
        assertThat(post(ECR + "CreatePullThroughCacheRule", "{}").error(400, "UnsupportedFeatureException")
                .body().path("message").asText())
                .isEqualTo("Berth does not implement the ECR operation CreatePullThroughCacheRule yet.");
        assertThat(post(ECR + "DescribeRepositories", "{").error(400, "SerializationException").body()
                .has("message")).isTrue();
    }

    @Test
    void eachApiNamesItsOwnServerErrorWhenTheOwnerDoesNotAnswer() throws Exception {
        assertThat(post(ECR + "DescribeRepositories", "{}").error(500, "ServerException").message())
                .isEqualTo("The registry-service did not answer. Try again.");
        assertThat(post("AnyScaleFrontendService.DescribeScalableTargets", "{\"ServiceNamespace\":\"ecs\"}")
                .error(500, "InternalServiceException").body().path("Message").asText())
                .isEqualTo("The scaling-service did not answer. Try again.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"clusterName\":", "[1,2]", "\"text\"", "nul", "{\"a\":1}}"})
    void aBodyThatIsNotOneJsonObjectIsASerializationError(String body) throws Exception {
        post(ECS + "CreateCluster", body).error(400, "SerializationException");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ListTasks", "StopTask", "DescribeTasks", "RunTask", "CreateService", "UpdateService",
            "RegisterContainerInstance", "CreateCluster", "GetTaskProtection"})
    void aControlCharacterAnywhereIsRefusedAtTheEdgeNamingTheMember(String operation) throws Exception {
        // Before any owner is asked: in this test none answers, so reaching one would be a 500.
        assertThat(post(ECS + operation, "{\"cluster\":\"web\",\"tags\":[{\"key\":\"k\",\"value\":\"a\\u0000b\"}]}")
                .error(400, "InvalidParameterException").message())
                .startsWith("Member 'tags[0].value' contains the character U+0000;");
        post(ECS + operation, "{\"cluster\":\"w\\u001beb\"}").error(400, "InvalidParameterException");
        post(ECS + operation, "{\"cl\\u0007uster\":\"web\"}").error(400, "InvalidParameterException");
    }

    @Test
    void anAutoScalingRequestWithAControlCharacterIsAValidationException() throws Exception {
        Answer answer = post("AnyScaleFrontendService.DescribeScalableTargets",
                "{\"ServiceNamespace\":\"ecs\",\"ResourceIds\":[\"service/a/\\u0000\"]}")
                .error(400, "ValidationException");
        assertThat(answer.body().path("Message").asText()).startsWith("Member 'ResourceIds[0]' contains");
    }

    @Test
    void everyFaceRefusesControlCharactersInItsOwnWords() throws Exception {
        assertThat(post(ECR + "DescribeRepositories", "{\"repositoryNames\":[\"app\\u0000\"]}")
                .error(400, "InvalidParameterException").message()).startsWith("Member 'repositoryNames[0]' contains");
    }

    @Test
    void invalidUtf8IsASerializationError() throws Exception {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(post(ECS + "CreateCluster", body, null).error(400, "SerializationException").message())
                .isEqualTo("The request body is not valid UTF-8.");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        byte[] huge = new byte[JsonApiEndpoint.MAX_BODY_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        post(ECS + "CreateCluster", huge, null).error(413, "RequestEntityTooLargeException");
    }

    @Test
    void aMalformedSignatureIsRejected() throws Exception {
        post(ECS + "ListClusters", "{}".getBytes(StandardCharsets.UTF_8), "AWS4-HMAC-SHA256 Signature=x")
                .error(400, "IncompleteSignature");
    }

    @Test
    void anOwnerThatDoesNotAnswerIsAServerErrorTheSdkRetries() throws Exception {
        assertThat(post(ECS + "ListClusters", "{}").error(500, "ServerException").message())
                .isEqualTo("The cluster-service did not answer. Try again.");
    }

    @Test
    void everyRequestIsLoggedWithItsOutcome() throws Exception {
        String requestId = post(ECS + "Nope", "{}").error(400, "UnknownOperationException").response().headers()
                .firstValue("x-amzn-RequestId").orElseThrow();
        // The log is written behind the answer, by a batch writer.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "select status, error_code from gateway_request_log where request_id = ?::uuid")) {
                s.setString(1, requestId);
                try (ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(400);
                    assertThat(rs.getString(2)).isEqualTo("UnknownOperationException");
                }
            }
        });
    }
}
