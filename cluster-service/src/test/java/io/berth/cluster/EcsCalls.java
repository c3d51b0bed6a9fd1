package io.berth.cluster;

import static io.restassured.RestAssured.given;

import io.berth.ecs.Caller;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;

/** Calls the service's ECS endpoints as the gateway does: one account per test, JSON in and out. */
public final class EcsCalls {

    private final String account;
    private final String region;

    private EcsCalls(String account, String region) {
        this.account = account;
        this.region = region;
    }

    /** A fresh account, so tests never see each other's resources. */
    public static EcsCalls newAccount() {
        String digits = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        return new EcsCalls(String.format("%12s", digits.substring(0, Math.min(12, digits.length()))).replace(' ', '1'),
                "eu-west-1");
    }

    public String account() {
        return account;
    }

    public String arn(String resource) {
        return "arn:aws:ecs:" + region + ":" + account + ":" + resource;
    }

    public ValidatableResponse call(String operation, String body) {
        return given().contentType(ContentType.JSON)
                .header(Caller.ACCOUNT_HEADER, account)
                .header(Caller.REGION_HEADER, region)
                .body(body)
                .when().post("/ecs/" + operation)
                .then();
    }

    public ValidatableResponse ok(String operation, String body) {
        return call(operation, body).statusCode(200);
    }

    /** Asserts the ECS error shape: status 400, {@code __type}, message and the error type header. */
    public ValidatableResponse error(String operation, String body, String type) {
        return call(operation, body).statusCode(400)
                .header("x-amzn-ErrorType", type)
                .body("__type", org.hamcrest.Matchers.equalTo(type));
    }

    public ValidatableResponse get(String path) {
        return given().header(Caller.ACCOUNT_HEADER, account).header(Caller.REGION_HEADER, region)
                .when().get(path).then();
    }
}
