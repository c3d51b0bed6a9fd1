package io.berth.cluster.infra;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.berth.testsupport.BrokerUnreachableProfile;
import io.berth.testsupport.ReadinessContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** Readiness really depends on the broker: with none reachable the service is live but not ready. */
@QuarkusTest
@TestProfile(BrokerUnreachableProfile.class)
class NotReadyWithoutBrokerTest {

    @Test
    void isNotReadyWhileTheBrokerIsUnreachable() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == '" + ReadinessContract.KAFKA_CHECK + "' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == '" + ReadinessContract.DATABASE_CHECK + "' }.status",
                        equalTo("UP"));
    }

    @Test
    void isStillLive() {
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
