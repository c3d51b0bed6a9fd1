package io.berth.cluster.history;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.berth.testsupport.EcsCalls;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HistoryResourceTest {

    EcsCalls ecs = EcsCalls.newAccount();

    @Test
    void aClusterCanBeReadAsItWasAndItsEventsListed() {
        ecs.ok("CreateCluster", "{\"clusterName\":\"h\"}");
        Instant beforeDelete = Instant.now();
        Awaitility.await().until(() -> Instant.now().isAfter(beforeDelete));
        ecs.ok("DeleteCluster", "{\"cluster\":\"h\"}");

        ecs.get("/v1/clusters/h?asOf=" + beforeDelete).statusCode(200).body("status", equalTo("ACTIVE"));
        ecs.get("/v1/clusters/h").statusCode(200).body("status", equalTo("INACTIVE"));
        ecs.get("/v1/clusters/h/events").statusCode(200)
                .body("events.type", contains("ClusterCreated", "ClusterDeleted"))
                .body("events[0].aggregateVersion", equalTo(1));
        ecs.get("/v1/clusters/h?asOf=2000-01-01T00:00:00Z").statusCode(400)
                .body("__type", equalTo("ClusterNotFoundException"));
        ecs.get("/v1/clusters/h?asOf=yesterday").statusCode(400)
                .body("__type", equalTo("InvalidParameterException"));
    }

    @Test
    void aTaskDefinitionRevisionCanBeReadAsItWas() {
        ecs.ok("RegisterTaskDefinition", """
                {"family":"f","containerDefinitions":[{"name":"a","image":"busybox","memory":64}]}""");
        Instant beforeDeregister = Instant.now();
        Awaitility.await().until(() -> Instant.now().isAfter(beforeDeregister));
        ecs.ok("DeregisterTaskDefinition", "{\"taskDefinition\":\"f:1\"}");

        ecs.get("/v1/task-definitions/f/1?asOf=" + beforeDeregister).statusCode(200)
                .body("status", equalTo("ACTIVE"));
        ecs.get("/v1/task-definitions/f/1").statusCode(200).body("status", equalTo("INACTIVE"));
        ecs.get("/v1/task-definitions/f/events").statusCode(200)
                .body("events.type", contains("TaskDefinitionRegistered", "TaskDefinitionDeregistered"));
    }
}
