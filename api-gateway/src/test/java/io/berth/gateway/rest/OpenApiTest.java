package io.berth.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The whole /v1 API in one document, and the Swagger UI that opens on it (owners are unreachable here). */
@QuarkusTest
class OpenApiTest {

    @Test
    void theMergedDocumentHoldsTheGatewaysPublicPaths() {
        given().get("/v1/openapi.json").then().statusCode(200)
                .body("info.title", equalTo("Berth REST API"))
                .body("paths.'/v1/events'.get", notNullValue())
                .body("paths.'/v1/{path}'", nullValue());
    }

    @Test
    void theSwaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
