package io.berth.cluster.taskdefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.berth.testsupport.EcsCalls;
import io.berth.events.EventEnvelope;
import io.berth.events.Topics;
import io.berth.testsupport.SharedInfrastructure;
import io.berth.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TaskDefinitionResourceTest {

    static final String WEB = """
            {"family":"web","containerDefinitions":[{"name":"nginx","image":"nginx:1.27","memory":256,
             "portMappings":[{"containerPort":80}]}],"tags":[{"key":"app","value":"web"}]}""";

    EcsCalls ecs = EcsCalls.newAccount();

    @Test
    void revisionsAreNumberedPerFamilyAndDescribedEveryWay() {
        ecs.ok("RegisterTaskDefinition", WEB)
                .body("taskDefinition.taskDefinitionArn", equalTo(ecs.arn("task-definition/web:1")))
                .body("taskDefinition.revision", equalTo(1))
                .body("taskDefinition.status", equalTo("ACTIVE"))
                .body("taskDefinition.registeredAt", notNullValue())
                .body("taskDefinition.containerDefinitions[0].essential", equalTo(true))
                .body("tags[0].key", equalTo("app"));
        ecs.ok("RegisterTaskDefinition", WEB).body("taskDefinition.revision", equalTo(2));

        ecs.ok("DescribeTaskDefinition", "{\"taskDefinition\":\"web\"}")
                .body("taskDefinition.revision", equalTo(2)).body("tags", org.hamcrest.Matchers.nullValue());
        ecs.ok("DescribeTaskDefinition", "{\"taskDefinition\":\"web:1\",\"include\":[\"TAGS\"]}")
                .body("taskDefinition.revision", equalTo(1)).body("tags[0].value", equalTo("web"));
        ecs.ok("DescribeTaskDefinition", "{\"taskDefinition\":\"" + ecs.arn("task-definition/web:2") + "\"}")
                .body("taskDefinition.family", equalTo("web"));
        ecs.error("DescribeTaskDefinition", "{\"taskDefinition\":\"web:9\"}", "ClientException")
                .body("message", equalTo("Unable to describe task definition."));
    }

    @Test
    void deregisteredRevisionsAreInactiveDescribableAndSkippedByTheFamilyName() {
        ecs.ok("RegisterTaskDefinition", WEB);
        ecs.ok("RegisterTaskDefinition", WEB);
        ecs.ok("DeregisterTaskDefinition", "{\"taskDefinition\":\"web:2\"}")
                .body("taskDefinition.status", equalTo("INACTIVE"))
                .body("taskDefinition.deregisteredAt", notNullValue());
        ecs.ok("DescribeTaskDefinition", "{\"taskDefinition\":\"web\"}").body("taskDefinition.revision", equalTo(1));
        ecs.ok("DescribeTaskDefinition", "{\"taskDefinition\":\"web:2\"}")
                .body("taskDefinition.status", equalTo("INACTIVE"));
        ecs.ok("RegisterTaskDefinition", WEB).body("taskDefinition.revision", equalTo(3));
        ecs.error("DeregisterTaskDefinition", "{\"taskDefinition\":\"web\"}", "ClientException");
    }

    @Test
    void onlyInactiveRevisionsCanBeDeletedWithPerItemFailures() {
        ecs.ok("RegisterTaskDefinition", WEB);
        ecs.ok("RegisterTaskDefinition", WEB);
        ecs.ok("DeregisterTaskDefinition", "{\"taskDefinition\":\"web:1\"}");
        ecs.ok("DeleteTaskDefinitions", "{\"taskDefinitions\":[\"web:1\",\"web:2\",\"web:7\"]}")
                .body("taskDefinitions", hasSize(1))
                .body("taskDefinitions[0].status", equalTo("DELETE_IN_PROGRESS"))
                .body("failures", hasSize(2))
                .body("failures[0].arn", equalTo(ecs.arn("task-definition/web:2")))
                .body("failures[0].reason", equalTo("The specified task definition is still in ACTIVE status."
                        + " Please deregister the target and try again."))
                .body("failures[0].detail", nullValue())
                .body("failures[1].arn", equalTo(ecs.arn("task-definition/web:7")))
                .body("failures[1].reason", equalTo("The specified task definition does not exist."));
        ecs.error("DeleteTaskDefinitions", "{\"taskDefinitions\":[]}", "InvalidParameterException");
    }

    @Test
    void listsFilterSortAndPaginate() {
        ecs.ok("RegisterTaskDefinition", WEB);
        ecs.ok("RegisterTaskDefinition", WEB);
        ecs.ok("RegisterTaskDefinition", WEB.replace("\"web\"", "\"worker\""));
        ecs.ok("DeregisterTaskDefinition", "{\"taskDefinition\":\"worker:1\"}");

        ecs.ok("ListTaskDefinitions", "{}").body("taskDefinitionArns",
                contains(ecs.arn("task-definition/web:1"), ecs.arn("task-definition/web:2")));
        ecs.ok("ListTaskDefinitions", "{\"sort\":\"DESC\",\"maxResults\":1}")
                .body("taskDefinitionArns", contains(ecs.arn("task-definition/web:2")))
                .body("nextToken", notNullValue());
        ecs.ok("ListTaskDefinitions", "{\"status\":\"INACTIVE\"}")
                .body("taskDefinitionArns", contains(ecs.arn("task-definition/worker:1")));
        ecs.ok("ListTaskDefinitions", "{\"familyPrefix\":\"we\"}").body("taskDefinitionArns", hasSize(0));

        ecs.ok("ListTaskDefinitionFamilies", "{}").body("families", contains("web", "worker"));
        ecs.ok("ListTaskDefinitionFamilies", "{\"status\":\"ACTIVE\"}").body("families", contains("web"));
        ecs.ok("ListTaskDefinitionFamilies", "{\"status\":\"INACTIVE\"}").body("families", contains("worker"));
        ecs.ok("ListTaskDefinitionFamilies", "{\"familyPrefix\":\"wo\"}").body("families", contains("worker"));
        ecs.error("ListTaskDefinitions", "{\"status\":\"GONE\"}", "InvalidParameterException");
    }

    @Test
    void invalidDefinitionsAreRejectedAndRegisterNothing() {
        ecs.error("RegisterTaskDefinition", "{\"family\":\"web\",\"containerDefinitions\":[]}", "ClientException");
        ecs.error("RegisterTaskDefinition", "{\"family\":\"web\",\"containerDefinitions\":\"x\"}", "ClientException");
        ecs.error("RegisterTaskDefinition", """
                {"family":"web","requiresCompatibilities":["FARGATE"],"networkMode":"awsvpc","cpu":"256",
                 "memory":"4096","containerDefinitions":[{"name":"a","image":"nginx"}]}""", "ClientException");
        ecs.ok("ListTaskDefinitionFamilies", "{}").body("families", hasSize(0));
    }

    @Test
    void eventsAreKeyedByTheFamilySoRevisionsStayInOrder() {
        String family = ecs.arn("task-definition/web");
        try (TopicProbe probe = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(),
                Topics.TASK_DEFINITION_EVENTS)) {
            ecs.ok("RegisterTaskDefinition", WEB);
            ecs.ok("RegisterTaskDefinition", WEB);
            ecs.ok("DeregisterTaskDefinition", "{\"taskDefinition\":\"web:1\"}");
            List<ConsumerRecord<String, EventEnvelope>> records = await().atMost(Duration.ofSeconds(20))
                    .until(() -> probe.poll().stream().filter(r -> family.equals(r.key())).toList(),
                            r -> r.size() == 3);
            assertThat(records).extracting(r -> r.value().type())
                    .containsExactly("TaskDefinitionRegistered", "TaskDefinitionRegistered",
                            "TaskDefinitionDeregistered");
            assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
        }
    }
}
