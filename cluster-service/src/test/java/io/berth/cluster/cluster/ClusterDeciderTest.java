package io.berth.cluster.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.testsupport.DeciderSpec;
import io.berth.cluster.cluster.ClusterCommand.CreateCluster;
import io.berth.cluster.cluster.ClusterCommand.DeleteCluster;
import io.berth.cluster.cluster.ClusterCommand.PutClusterCapacityProviders;
import io.berth.cluster.cluster.ClusterCommand.TagCluster;
import io.berth.cluster.cluster.ClusterCommand.UntagCluster;
import io.berth.cluster.cluster.ClusterCommand.UpdateCluster;
import io.berth.cluster.cluster.ClusterCommand.UpdateClusterSettings;
import io.berth.events.ClusterEvent;
import io.berth.events.ClusterEvent.ClusterCapacityProvidersPut;
import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.ClusterEvent.ClusterDeleted;
import io.berth.events.ClusterEvent.ClusterSettingsUpdated;
import io.berth.events.ClusterEvent.ClusterTagsChanged;
import io.berth.events.ClusterEvent.ClusterUpdated;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.KeyValue;
import io.berth.events.Shapes.Tag;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClusterDeciderTest {

    static final String ARN = "arn:aws:ecs:us-east-1:000000000000:cluster/web";
    static final Set<String> KNOWN = Set.of("FARGATE", "FARGATE_SPOT", "spot-fleet", "on-demand");
    static final List<KeyValue> DEFAULT_SETTINGS = List.of(new KeyValue("containerInsights", "disabled"));
    static final ClusterCreated CREATED = new ClusterCreated(ARN, "web", DEFAULT_SETTINGS, List.of(), List.of(),
            List.of(new Tag("team", "a")), null, null);

    DeciderSpec<ClusterCommand, ClusterEvent, ClusterState> spec = DeciderSpec.of(new ClusterDecider());

    static CreateCluster create(List<String> providers, List<CapacityProviderStrategyItem> strategy) {
        return new CreateCluster(ARN, "web", DEFAULT_SETTINGS, null, providers, strategy, List.of(new Tag("team", "a")),
                null, KNOWN);
    }

    @Test
    void createsAClusterThatIsActive() {
        ClusterState state = spec.when(create(List.of(), List.of())).then(CREATED);
        assertThat(state.isActive()).isTrue();
        assertThat(state.tags()).containsExactly(new Tag("team", "a"));
    }

    @Test
    void creatingAnActiveClusterAgainChangesNothing() {
        spec.given(CREATED).when(create(List.of("FARGATE"), List.of())).then();
    }

    @Test
    void aDeletedClusterCanBeCreatedAgain() {
        spec.given(CREATED, new ClusterDeleted(ARN)).when(create(List.of(), List.of())).then(CREATED);
    }

    static Stream<Arguments> invalidCreations() {
        return Stream.of(
                Arguments.of(new CreateCluster(ARN, "web", List.of(new KeyValue("containerInsights", "loud")), null,
                        List.of(), List.of(), List.of(), null, KNOWN),
                        "Invalid value 'loud' for the containerInsights setting. Valid values are enhanced, enabled"
                                + " and disabled."),
                Arguments.of(new CreateCluster(ARN, "web", List.of(new KeyValue("colour", "blue")), null, List.of(),
                        List.of(), List.of(), null, KNOWN),
                        "Invalid cluster setting name 'colour'. The only valid setting name is containerInsights."),
                Arguments.of(create(List.of("nope"), List.of()),
                        "The specified capacity provider nope does not exist. Specify a valid capacity provider and"
                                + " try again."),
                Arguments.of(create(List.of("FARGATE", "FARGATE"), List.of()),
                        "The capacity provider FARGATE is listed more than once."),
                Arguments.of(create(List.of("FARGATE"), List.of(new CapacityProviderStrategyItem("spot-fleet", 1, 0))),
                        "The specified capacity provider strategy cannot contain a capacity provider that is not"
                                + " associated with the cluster. Associate the capacity provider with the cluster or"
                                + " specify a valid capacity provider and try again."),
                Arguments.of(create(List.of("FARGATE"), List.of(new CapacityProviderStrategyItem("FARGATE", 1001, 0))),
                        "The weight of a capacity provider strategy item must be between 0 and 1000."),
                Arguments.of(create(List.of("FARGATE"), List.of(new CapacityProviderStrategyItem("FARGATE", 1, -1))),
                        "The base of a capacity provider strategy item must be between 0 and 100000."),
                Arguments.of(create(List.of("FARGATE", "FARGATE_SPOT"), List.of(
                        new CapacityProviderStrategyItem("FARGATE", 1, 1),
                        new CapacityProviderStrategyItem("FARGATE_SPOT", 1, 2))),
                        "Only one capacity provider in a capacity provider strategy can have a base defined."),
                Arguments.of(create(List.of("FARGATE", "spot-fleet"), List.of(
                        new CapacityProviderStrategyItem("FARGATE", 1, 0),
                        new CapacityProviderStrategyItem("spot-fleet", 1, 0))),
                        "A capacity provider strategy cannot contain both Fargate and Auto Scaling group capacity"
                                + " providers."),
                Arguments.of(create(List.of("FARGATE"), List.of(new CapacityProviderStrategyItem("FARGATE", 1, 0),
                        new CapacityProviderStrategyItem("FARGATE", 2, 0))),
                        "The capacity provider strategy contains FARGATE more than once."));
    }

    @ParameterizedTest
    @MethodSource("invalidCreations")
    void invalidCreationsAreRejectedWithTheEcsMessage(CreateCluster command, String message) {
        spec.when(command).thenRejected("InvalidParameterException", message);
    }

    @Test
    void aValidStrategyWithProvidersIsAccepted() {
        List<CapacityProviderStrategyItem> strategy = List.of(new CapacityProviderStrategyItem("spot-fleet", 4, 2),
                new CapacityProviderStrategyItem("on-demand", 1, 0));
        List<ClusterEvent> events = spec.when(create(List.of("spot-fleet", "on-demand"), strategy)).events();
        assertThat(((ClusterCreated) events.get(0)).defaultCapacityProviderStrategy()).isEqualTo(strategy);
    }

    @Test
    void deleteMakesTheClusterInactive() {
        ClusterState state = spec.given(CREATED).when(new DeleteCluster(ARN, ClusterContents.EMPTY))
                .then(new ClusterDeleted(ARN));
        assertThat(state.status()).isEqualTo("INACTIVE");
    }

    static Stream<Arguments> contentsThatForbidDelete() {
        return Stream.of(
                Arguments.of(new ClusterContents(1, 5, 0, 3), "ClusterContainsContainerInstancesException",
                        "The Cluster cannot be deleted while Container Instances are active or draining."),
                Arguments.of(new ClusterContents(0, 5, 0, 3), "ClusterContainsServicesException",
                        "The Cluster cannot be deleted while Services are active."),
                Arguments.of(new ClusterContents(0, 0, 1, 0), "ClusterContainsTasksException",
                        "The Cluster cannot be deleted while Tasks are active."),
                Arguments.of(new ClusterContents(0, 2, 0, 0), "ClusterContainsTasksException",
                        "The Cluster cannot be deleted while Tasks are active."));
    }

    @ParameterizedTest
    @MethodSource("contentsThatForbidDelete")
    void deleteIsRefusedWhileTheClusterHoldsSomethingInTheEcsOrder(ClusterContents contents, String code,
            String message) {
        spec.given(CREATED).when(new DeleteCluster(ARN, contents)).thenRejected(code, message);
    }

    @Test
    void anUnknownOrDeletedClusterIsNotFound() {
        spec.when(new DeleteCluster(ARN, ClusterContents.EMPTY))
                .thenRejected("ClusterNotFoundException", "Cluster not found.");
        spec.given(CREATED, new ClusterDeleted(ARN)).when(new UpdateClusterSettings(ARN, DEFAULT_SETTINGS))
                .thenRejected("ClusterNotFoundException", "Cluster not found.");
    }

    @Test
    void settingsUpdatesMergeByName() {
        ClusterState state = spec.given(CREATED)
                .when(new UpdateClusterSettings(ARN, List.of(new KeyValue("containerInsights", "enhanced"))))
                .then(new ClusterSettingsUpdated(ARN, List.of(new KeyValue("containerInsights", "enhanced"))));
        assertThat(state.settings()).containsExactly(new KeyValue("containerInsights", "enhanced"));
    }

    @Test
    void updateClusterNeedsSomethingToUpdate() {
        spec.given(CREATED).when(new UpdateCluster(ARN, List.of(), null, null))
                .thenRejected("InvalidParameterException",
                        "At least one of settings, configuration or serviceConnectDefaults must be specified.");
        spec.given().when(new UpdateCluster(ARN, List.of(new KeyValue("containerInsights", "enabled")), null, null))
                .then(new ClusterUpdated(ARN, List.of(new KeyValue("containerInsights", "enabled")), null, null));
    }

    @Test
    void capacityProvidersAreReplacedAsAWhole() {
        ClusterState state = spec.given(CREATED,
                        new ClusterCapacityProvidersPut(ARN, List.of("FARGATE"), List.of()))
                .when(new PutClusterCapacityProviders(ARN, List.of("spot-fleet"),
                        List.of(new CapacityProviderStrategyItem("spot-fleet", 1, 0)), KNOWN, Set.of()))
                .then(new ClusterCapacityProvidersPut(ARN, List.of("spot-fleet"),
                        List.of(new CapacityProviderStrategyItem("spot-fleet", 1, 0))));
        assertThat(state.capacityProviders()).containsExactly("spot-fleet");
    }

    @Test
    void aProviderThatTasksOrServicesUseCannotBeRemovedButOthersCan() {
        spec.given(CREATED, new ClusterCapacityProvidersPut(ARN, List.of("FARGATE", "spot-fleet"), List.of()))
                .when(new PutClusterCapacityProviders(ARN, List.of("FARGATE"), List.of(), KNOWN, Set.of("spot-fleet")))
                .thenRejected("ResourceInUseException", "The specified capacity provider is in use and cannot be"
                        + " removed.");
        spec.given(CREATED, new ClusterCapacityProvidersPut(ARN, List.of("FARGATE", "spot-fleet"), List.of()))
                .when(new PutClusterCapacityProviders(ARN, List.of("spot-fleet"), List.of(), KNOWN,
                        Set.of("spot-fleet")))
                .then(new ClusterCapacityProvidersPut(ARN, List.of("spot-fleet"), List.of()));
    }

    @Test
    void tagsMergeByKeyAndUntagRemovesKeys() {
        ClusterState state = spec.given(CREATED)
                .when(new TagCluster(ARN, List.of(new Tag("team", "b"), new Tag("env", "prod"))))
                .then(new ClusterTagsChanged(ARN, List.of(new Tag("team", "b"), new Tag("env", "prod"))));
        assertThat(state.tags()).hasSize(2);
        spec.given(new ClusterTagsChanged(ARN, state.tags())).when(new UntagCluster(ARN, List.of("team")))
                .then(new ClusterTagsChanged(ARN, List.of(new Tag("env", "prod"))));
    }

    @Test
    void moreThanFiftyTagsAreRefused() {
        List<Tag> many = Stream.iterate(0, i -> i + 1).limit(51).map(i -> new Tag("k" + i, "v")).toList();
        spec.given(CREATED).when(new TagCluster(ARN, many))
                .thenRejected("InvalidParameterException", "A resource can have at most 50 tags.");
    }
}
