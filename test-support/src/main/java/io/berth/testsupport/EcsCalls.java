package io.berth.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;

/** Calls a service's internal ECS endpoints as the gateway does: one account per test, JSON in and out. */
public final class EcsCalls {

    /** The headers the gateway passes the caller in (ecs-common's {@code Caller}). */
    static final String ACCOUNT_HEADER = "X-Berth-Account";
    static final String REGION_HEADER = "X-Berth-Region";

    private final String account;
    private final String region;
    private final String prefix;

    private EcsCalls(String account, String region) {
        this(account, region, "/ecs/");
    }

    private EcsCalls(String account, String region, String prefix) {
        this.account = account;
        this.region = region;
        this.prefix = prefix;
    }

    /** The same caller, calling the Application Auto Scaling endpoints ({@code POST /aas/<Operation>}). */
    public EcsCalls autoScaling() {
        return new EcsCalls(account, region, "/aas/");
    }

    /** The same caller, calling the ECR endpoints ({@code POST /ecr/<Operation>}). */
    public EcsCalls ecr() {
        return new EcsCalls(account, region, "/ecr/");
    }

    /** The same caller, calling the CloudWatch Logs endpoints ({@code POST /logs/<Operation>}). */
    public EcsCalls logs() {
        return new EcsCalls(account, region, "/logs/");
    }

    /**
     * The same caller, calling the EC2 Auto Scaling endpoints ({@code POST /autoscaling/<Action>}) with a
     * Query request's parameters as the gateway forwards them: a flat JSON object; answers are XML.
     */
    public EcsCalls ec2AutoScaling() {
        return new EcsCalls(account, region, "/autoscaling/");
    }

    /** The same caller, calling the EC2 endpoints ({@code POST /ec2/<Action>}), as {@link #ec2AutoScaling()}. */
    public EcsCalls ec2() {
        return new EcsCalls(account, region, "/ec2/");
    }

    public String region() {
        return region;
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
                .header(ACCOUNT_HEADER, account)
                .header(REGION_HEADER, region)
                .body(body)
                .when().post(prefix + operation)
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
        return given().header(ACCOUNT_HEADER, account).header(REGION_HEADER, region)
                .when().get(path).then();
    }
}
