package io.berth.agent.taskendpoint;

import io.berth.agent.awslogs.AwsLogsDriver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The one awslogs driver all runtimes ship through; at shutdown it sends what it still holds. */
@ApplicationScoped
public class AwsLogsDriverBean {

    @Produces
    @Singleton
    AwsLogsDriver driver(CloudWatchLogsApi api,
            @ConfigProperty(name = "berth.agent.logs.flush-interval") Duration flushInterval) {
        return new AwsLogsDriver(api, flushInterval);
    }

    void close(@Disposes AwsLogsDriver driver) {
        driver.close(Duration.ofSeconds(10));
    }
}
