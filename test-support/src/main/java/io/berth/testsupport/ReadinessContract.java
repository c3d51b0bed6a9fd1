package io.berth.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * What every Berth service promises about health: live once started, and ready only with its
 * database and the broker both reachable. Each service's test suite runs it as a {@code @QuarkusTest}.
 */
public abstract class ReadinessContract {

    /** The readiness check names of Agroal's datasource check and the Kafka client's check. */
    public static final String DATABASE_CHECK = "Database connections health check";
    public static final String KAFKA_CHECK = "Kafka connection health check";

    @Test
    void isReadyWithItsDatabaseAndTheBrokerBothChecked() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(DATABASE_CHECK, KAFKA_CHECK));
    }

    @Test
    void isLive() {
        given().when().get("/q/health/live")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void hasAppliedTheEventStoreMigrationsAtStart() throws SQLException {
        SharedInfrastructure infra = SharedInfrastructure.get();
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), infra.dbUser(), "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select count(*) from flyway_schema_history where success and script like '%event_store%'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("event store migrations applied").isEqualTo(1);
        }
    }
}
