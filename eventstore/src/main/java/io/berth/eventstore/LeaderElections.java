package io.berth.eventstore;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.Driver;

/** Makes the {@link LeaderElection}s of this service, each on a connection of its own to the service's database. */
@ApplicationScoped
public class LeaderElections {

    private final String url;
    private final Properties connectionProperties = new Properties();

    public LeaderElections(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.url = url;
        username.ifPresent(u -> connectionProperties.setProperty("user", u));
        password.ifPresent(p -> connectionProperties.setProperty("password", p));
        connectionProperties.setProperty("ApplicationName", "berth-leader-election");
        // A leader cut off from the database must find out at its next question, not hang in it.
        connectionProperties.setProperty("socketTimeout", "10");
    }

    /** An election among the replicas that name the same work; nobody leads it until it is first asked. */
    public LeaderElection of(String work) {
        return new LeaderElection(new AdvisoryLock(work), this::connect);
    }

    private Connection connect() throws SQLException {
        Connection connection = new Driver().connect(url, connectionProperties);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL URL: " + url);
        }
        return connection;
    }
}
