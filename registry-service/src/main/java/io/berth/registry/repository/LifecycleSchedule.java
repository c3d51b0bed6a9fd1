package io.berth.registry.repository;

import io.berth.registry.infra.Sql;
import io.berth.registry.repository.RepositoryCommand.ApplyLifecyclePolicy;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs every repository's lifecycle policy on a timer, for the rules that expire images by age
 * (count rules also run when a policy is put and after each push). A run that expires nothing
 * records nothing.
 */
@ApplicationScoped
public class LifecycleSchedule {

    private static final Logger LOG = Logger.getLogger(LifecycleSchedule.class);

    private final Sql sql;
    private final RepositoryService repositories;

    public LifecycleSchedule(Sql sql, RepositoryService repositories) {
        this.sql = sql;
        this.repositories = repositories;
    }

    @Scheduled(every = "${berth.registry.lifecycle-interval}", delay = 1, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        applyAll(Instant.now());
    }

    public void applyAll(Instant now) {
        List<String> repositoriesWithPolicies = sql.query("select repository_arn from repository_view"
                + " where (state::jsonb ->> 'lifecyclePolicyText') is not null", rs -> rs.getString(1));
        UUID run = UUID.randomUUID();
        for (String arn : repositoriesWithPolicies) {
            try {
                repositories.handle(new ApplyLifecyclePolicy(arn, now), run);
            } catch (RuntimeException e) {
                LOG.warnf(e, "The lifecycle policy of %s did not run; it runs again next time", arn);
            }
        }
    }
}
