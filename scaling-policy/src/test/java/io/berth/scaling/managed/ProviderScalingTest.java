package io.berth.scaling.managed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProviderScalingTest {

    @Test
    void withoutManagedScalingTheProviderIsUnmanagedWithEcsDefaults() {
        ProviderScaling scaling = ProviderScaling.unmanaged(null);
        assertThat(scaling).isEqualTo(new ProviderScaling("DISABLED", ManagedScalingSettings.DEFAULTS, "DISABLED"));
        assertThat(scaling.enabled()).isFalse();
        assertThat(scaling.terminationProtection()).isFalse();
    }

    @Test
    void membersLeftOutTakeEcsDefaultsButAZeroWarmUpStays() {
        ProviderScaling scaling = ProviderScaling.of("ENABLED", 0, 0, 0, 0, "ENABLED");
        assertThat(scaling.settings()).isEqualTo(new ManagedScalingSettings(100, 1, 10_000, 0));
        assertThat(scaling.enabled()).isTrue();
        assertThat(scaling.terminationProtection()).isTrue();
    }

    @Test
    void givenMembersAreKeptAndAMissingStatusIsDisabled() {
        ProviderScaling scaling = ProviderScaling.of(null, 80, 2, 5, 120, "DISABLED");
        assertThat(scaling).isEqualTo(new ProviderScaling("DISABLED", new ManagedScalingSettings(80, 2, 5, 120),
                "DISABLED"));
    }
}
