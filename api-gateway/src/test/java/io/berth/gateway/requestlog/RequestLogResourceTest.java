package io.berth.gateway.requestlog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;

import io.berth.ecs.credentials.Sealer;
import io.berth.ecs.credentials.SessionCredentials;
import io.berth.ecs.credentials.SessionCredentials.Credentials;
import io.berth.ecs.credentials.SessionCredentials.Identity;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** A call made with a task's credentials is attributed to the task and its role in the request log. */
@QuarkusTest
class RequestLogResourceTest {

    private static final String ACCOUNT = "123456789012";

    @TestHTTPResource("/")
    URI endpoint;

    @Test
    void aCallWithTaskCredentialsIsListedUnderTheTask() throws Exception {
        String task = "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/default/" + UUID.randomUUID().toString()
                .replace("-", "");
        String role = "arn:aws:iam::" + ACCOUNT + ":role/reader";
        Credentials credentials = new SessionCredentials(new Sealer(ConfigProvider.getConfig()
                .getValue("berth.credentials.secret", String.class)))
                .issue(new Identity(ACCOUNT, role, task, SessionCredentials.TASK, Instant.now().plusSeconds(3600)));

        HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters")
                .header("Authorization", authorization(credentials.accessKeyId()))
                .header("X-Amz-Security-Token", credentials.sessionToken())
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given()
                .header("Authorization", authorization(ACCOUNT))
                .queryParam("taskArn", task)
                .get("/v1/requests")
                .then().statusCode(200)
                .body("requests.operation", contains("ListClusters"))
                .body("requests.roleArn", everyItem(equalTo(role)))
                .body("requests.accessKeyId", everyItem(equalTo(credentials.accessKeyId()))));
        given().header("Authorization", authorization("210987654321"))
                .queryParam("taskArn", task)
                .get("/v1/requests")
                .then().statusCode(200).body("requests", empty());
    }

    @Test
    void maxResultsOutOfRangeIsRefused() {
        given().header("Authorization", authorization("210987654321"))
                .queryParam("maxResults", 0)
                .get("/v1/requests")
                .then().statusCode(400).body(containsString("maxResults must be between 1 and 1000."));
    }

    private static String authorization(String accessKeyId) {
        return "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/20261205/us-east-1/ecs/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=0123abcd";
    }
}
