package io.berth.cluster.taskdefinition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.testsupport.DeciderSpec;
import io.berth.cluster.taskdefinition.TaskDefinitionCommand.DeleteTaskDefinition;
import io.berth.cluster.taskdefinition.TaskDefinitionCommand.DeregisterTaskDefinition;
import io.berth.cluster.taskdefinition.TaskDefinitionCommand.RegisterTaskDefinition;
import io.berth.cluster.taskdefinition.TaskDefinitionCommand.TagTaskDefinition;
import io.berth.cluster.taskdefinition.TaskDefinitionCommand.UntagTaskDefinition;
import io.berth.events.EventJson;
import io.berth.events.Shapes.Tag;
import io.berth.events.TaskDefinitionEvent;
import io.berth.events.TaskDefinitionEvent.TaskDefinitionDeleted;
import io.berth.events.TaskDefinitionEvent.TaskDefinitionDeregistered;
import io.berth.events.TaskDefinitionEvent.TaskDefinitionRegistered;
import io.berth.events.TaskDefinitionEvent.TaskDefinitionTagsChanged;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskDefinitionDeciderTest {

    static final String FAMILY = "arn:aws:ecs:us-east-1:000000000000:task-definition/web";
    static final Instant T = Instant.parse("2026-11-26T08:00:00.250Z");

    DeciderSpec<TaskDefinitionCommand, TaskDefinitionEvent, FamilyState> spec =
            DeciderSpec.of(new TaskDefinitionDecider());

    static RegisterTaskDefinition register() {
        ObjectNode definition = EventJson.mapper().createObjectNode().put("family", "web");
        definition.putArray("containerDefinitions").addObject().put("name", "a").put("image", "busybox");
        return new RegisterTaskDefinition(FAMILY, "web", definition, List.of(new Tag("app", "web")),
                "arn:aws:iam::000000000000:root", T);
    }

    static TaskDefinitionRegistered registered(int revision) {
        return (TaskDefinitionRegistered) new TaskDefinitionDecider().decide(register(),
                new FamilyState(FAMILY, "web", revision - 1, java.util.Map.of())).get(0);
    }

    @Test
    void theFirstRevisionIsOneAndIsDescribedWithArnStatusAndTime() {
        TaskDefinitionRegistered event = (TaskDefinitionRegistered) spec.when(register()).events().get(0);
        assertThat(event.revision()).isEqualTo(1);
        assertThat(event.taskDefinitionArn()).isEqualTo(FAMILY + ":1");
        assertThat(event.taskDefinition().path("taskDefinitionArn").asText()).isEqualTo(FAMILY + ":1");
        assertThat(event.taskDefinition().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(event.taskDefinition().path("registeredAt").decimalValue()).isEqualByComparingTo("1795680000.250");
        assertThat(event.tags()).containsExactly(new Tag("app", "web"));
    }

    @Test
    void aFamilyHasAtMostAMillionRevisions() {
        FamilyState full = new FamilyState(FAMILY, "web", TaskDefinitionDecider.MAX_REVISIONS, java.util.Map.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TaskDefinitionDecider().decide(register(), full))
                .isInstanceOfSatisfying(io.berth.ecs.EcsException.class,
                        e -> assertThat(e.code()).isEqualTo("LimitExceededException"));
        assertThat(registered(TaskDefinitionDecider.MAX_REVISIONS).revision()).isEqualTo(1_000_000);
    }

    @Test
    void revisionsAreNeverReusedEvenAfterDeregisterAndDelete() {
        TaskDefinitionRegistered next = (TaskDefinitionRegistered) spec.given(registered(1), registered(2),
                        new TaskDefinitionDeregistered(FAMILY + ":2", "web", 2, T),
                        new TaskDefinitionDeleted(FAMILY + ":2", "web", 2, T))
                .when(register()).events().get(0);
        assertThat(next.revision()).isEqualTo(3);
    }

    @Test
    void deregisterMakesARevisionInactiveOnceAndStampsIt() {
        FamilyState state = spec.given(registered(1)).when(new DeregisterTaskDefinition(FAMILY, 1, T))
                .then(new TaskDefinitionDeregistered(FAMILY + ":1", "web", 1, T));
        assertThat(state.revisions().get(1).status()).isEqualTo("INACTIVE");
        assertThat(state.revisions().get(1).definition().has("deregisteredAt")).isTrue();
        spec.given(new TaskDefinitionDeregistered(FAMILY + ":1", "web", 1, T))
                .when(new DeregisterTaskDefinition(FAMILY, 1, T)).then();
    }

    @Test
    void unknownRevisionsDoNotExist() {
        spec.given(registered(1)).when(new DeregisterTaskDefinition(FAMILY, 5, T))
                .thenRejected("ClientException", "The specified task definition does not exist.");
    }

    @Test
    void onlyInactiveRevisionsCanBeDeleted() {
        spec.given(registered(1)).when(new DeleteTaskDefinition(FAMILY, 1, T)).thenRejected("ClientException",
                "The specified task definition is still in ACTIVE status. Please deregister the target and try"
                        + " again.");
        FamilyState state = spec.given(new TaskDefinitionDeregistered(FAMILY + ":1", "web", 1, T))
                .when(new DeleteTaskDefinition(FAMILY, 1, T))
                .then(new TaskDefinitionDeleted(FAMILY + ":1", "web", 1, T));
        assertThat(state.revisions().get(1).status()).isEqualTo("DELETE_IN_PROGRESS");
    }

    @Test
    void tagsOfARevisionMergeAndAreRemovedByKey() {
        spec.given(registered(1)).when(new TagTaskDefinition(FAMILY, 1, List.of(new Tag("env", "prod"))))
                .then(new TaskDefinitionTagsChanged(FAMILY + ":1", "web", 1,
                        List.of(new Tag("app", "web"), new Tag("env", "prod"))));
        spec.when(new UntagTaskDefinition(FAMILY, 1, List.of("app")))
                .then(new TaskDefinitionTagsChanged(FAMILY + ":1", "web", 1, List.of()));
    }
}
