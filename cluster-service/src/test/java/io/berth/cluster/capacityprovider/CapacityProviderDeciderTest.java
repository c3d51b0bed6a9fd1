package io.berth.cluster.capacityprovider;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.testsupport.DeciderSpec;
import io.berth.cluster.capacityprovider.CapacityProviderCommand.CreateCapacityProvider;
import io.berth.cluster.capacityprovider.CapacityProviderCommand.DeleteCapacityProvider;
import io.berth.cluster.capacityprovider.CapacityProviderCommand.ManagedScalingUpdate;
import io.berth.cluster.capacityprovider.CapacityProviderCommand.UpdateCapacityProvider;
import io.berth.events.CapacityProviderEvent;
import io.berth.events.CapacityProviderEvent.CapacityProviderCreated;
import io.berth.events.CapacityProviderEvent.CapacityProviderDeleted;
import io.berth.events.CapacityProviderEvent.CapacityProviderUpdated;
import io.berth.events.Shapes.ManagedScaling;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CapacityProviderDeciderTest {

    static final String ARN = "arn:aws:ecs:us-east-1:000000000000:capacity-provider/spot";
    static final ManagedScaling DEFAULTS = CapacityProviderDecider.DEFAULT_MANAGED_SCALING;
    static final CapacityProviderCreated CREATED = new CapacityProviderCreated(ARN, "spot", "asg", DEFAULTS,
            "DISABLED", List.of(), "ENABLED");

    DeciderSpec<CapacityProviderCommand, CapacityProviderEvent, CapacityProviderState> spec =
            DeciderSpec.of(new CapacityProviderDecider());

    static CreateCapacityProvider create(String name, ManagedScaling scaling, String protection) {
        return create(name, scaling, protection, "ENABLED");
    }

    static CreateCapacityProvider create(String name, ManagedScaling scaling, String protection, String draining) {
        return new CreateCapacityProvider(ARN, name, "asg", scaling, protection, draining, List.of());
    }

    @Test
    void createsAnActiveProvider() {
        assertThat(spec.when(create("spot", DEFAULTS, "DISABLED")).then(CREATED).isActive()).isTrue();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(create("awsome", DEFAULTS, "DISABLED"),
                        "The capacity provider name cannot start with 'aws', 'ecs' or 'fargate'."),
                Arguments.of(create("FargateX", DEFAULTS, "DISABLED"),
                        "The capacity provider name cannot start with 'aws', 'ecs' or 'fargate'."),
                Arguments.of(create("spot", new ManagedScaling("ON", 100, 1, 10, 300), "DISABLED"),
                        "managedScaling.status must be ENABLED or DISABLED."),
                Arguments.of(create("spot", new ManagedScaling("ENABLED", 101, 1, 10, 300), "DISABLED"),
                        "managedScaling.targetCapacity must be between 1 and 100."),
                Arguments.of(create("spot", new ManagedScaling("ENABLED", 100, 0, 10, 300), "DISABLED"),
                        "managedScaling.minimumScalingStepSize must be between 1 and 10000."),
                Arguments.of(create("spot", new ManagedScaling("ENABLED", 100, 20, 10, 300), "DISABLED"),
                        "managedScaling.minimumScalingStepSize cannot be greater than"
                                + " managedScaling.maximumScalingStepSize."),
                Arguments.of(create("spot", new ManagedScaling("ENABLED", 100, 1, 10, 10001), "DISABLED"),
                        "managedScaling.instanceWarmupPeriod must be between 0 and 10000."),
                Arguments.of(create("spot", new ManagedScaling("DISABLED", 100, 1, 10, 300), "ENABLED"),
                        "Managed termination protection can only be enabled if managed scaling is also enabled."),
                Arguments.of(create("spot", DEFAULTS, "DISABLED", "SOMETIMES"),
                        "managedDraining must be ENABLED or DISABLED."));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidProvidersAreRejected(CreateCapacityProvider command, String message) {
        spec.when(command).thenRejected("InvalidParameterException", message);
    }

    @Test
    void anExistingNameIsAClientError() {
        spec.given(CREATED).when(create("spot", DEFAULTS, "DISABLED")).thenRejected("ClientException",
                "The specified capacity provider already exists. To change the configuration of an existing capacity"
                        + " provider, update the capacity provider.");
    }

    @Test
    void updatesMergeOntoTheCurrentScaling() {
        spec.given(CREATED).when(new UpdateCapacityProvider(ARN, new ManagedScalingUpdate(null, 80, null, null, null),
                        null, null))
                .then(new CapacityProviderUpdated(ARN, new ManagedScaling("ENABLED", 80, 1, 10000, 300), "DISABLED",
                        "ENABLED"));
    }

    @Test
    void managedDrainingIsKeptUntilAnUpdateTurnsItOffAndAnOlderProviderCountsAsEnabled() {
        CapacityProviderState off = spec.given(CREATED).when(new UpdateCapacityProvider(ARN, null, null, "DISABLED"))
                .then(new CapacityProviderUpdated(ARN, DEFAULTS, "DISABLED", "DISABLED"));
        assertThat(off.effectiveManagedDraining()).isEqualTo("DISABLED");
        spec.given(new CapacityProviderCreated(ARN, "spot", "asg", DEFAULTS, "DISABLED", List.of(), null))
                .when(new UpdateCapacityProvider(ARN, null, null, null))
                .then(new CapacityProviderUpdated(ARN, DEFAULTS, "DISABLED", "ENABLED"));
        spec.given(CREATED).when(new UpdateCapacityProvider(ARN, null, null, "maybe"))
                .thenRejected("InvalidParameterException", "managedDraining must be ENABLED or DISABLED.");
    }

    @Test
    void aProviderInUseCannotBeDeletedAndADeletedOneIsGone() {
        spec.given(CREATED).when(new DeleteCapacityProvider(ARN, List.of("arn:c")))
                .thenRejectedWith("ResourceInUseException", "arn:c");
        spec.when(new DeleteCapacityProvider(ARN, List.of())).then(new CapacityProviderDeleted(ARN, "spot"));
        spec.given(new CapacityProviderDeleted(ARN, "spot"))
                .when(new UpdateCapacityProvider(ARN, null, "DISABLED", null)).thenRejectedWith("ClientException",
                        "does not exist");
    }
}
