package io.berth.agent.infra;

import io.berth.testsupport.KafkaAndPostgresResource;
import io.berth.testsupport.PodmanResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every test of this service shares one real broker and database, one Podman service for docker agents, and one
 * application start.
 */
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PodmanResource.class, scope = TestResourceScope.GLOBAL)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
