package io.berth.gateway.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The console's routes in the gateway. Its pages with data are driven in a browser against the whole
 * stack ({@code ConsoleIT}); here no owner runs, which is itself a case a page must handle.
 */
@QuarkusTest
class ConsoleResourceTest {

    @Test
    void theRootOpensTheConsoleForABrowserAndStaysTheApiEndpointForPost() {
        given().redirects().follow(false).get("/").then().statusCode(302)
                .header("Location", endsWith("/console"));
        given().header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.NoSuchOperation")
                .contentType("application/json").body("{}").post("/")
                .then().statusCode(400).body(containsString("UnknownOperationException"));
    }

    @Test
    void scriptsAndStylesAreServedByTheGatewayItself() {
        given().get("/webjars/htmx.org/dist/htmx.min.js").then().statusCode(200);
        given().get("/webjars/htmx-ext-sse/sse.js").then().statusCode(200);
        given().get("/console-assets/console.css").then().statusCode(200);
    }

    @Test
    void anOwnerThatDoesNotAnswerIsAPageSayingSo() {
        given().get("/console").then().statusCode(503).contentType(containsString("text/html"))
                .body(containsString("The cluster-service did not answer"));
    }

    @Test
    void badInputIsRefusedWithAPageNamingTheField() {
        given().queryParam("account", "12ab").get("/console").then().statusCode(400)
                .body(containsString("account must be an AWS account id of 12 digits"));
        given().get("/console/logs").then().statusCode(400).body(containsString("group is required."));
        given().queryParam("at", "yesterday").get("/console/clusters/c/services/s/as-of").then().statusCode(400)
                .body(containsString("at must be a moment"));
        given().urlEncodingEnabled(false).get("/console/clusters/a%07b").then().statusCode(400)
                .body(containsString("contains the character U+0007"));
    }
}
