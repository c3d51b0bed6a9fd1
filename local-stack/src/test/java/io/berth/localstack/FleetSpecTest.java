package io.berth.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FleetSpecTest {

    @Test
    void fleetsAreClusterTypeCountAndAnOptionalRuntime() {
        assertThat(FleetSpec.parse("default:m5.large:10, batch:c5.xlarge:4:process")).containsExactly(
                new FleetSpec("default", "m5.large", 10, "simulated"),
                new FleetSpec("batch", "c5.xlarge", 4, "process"));
        assertThat(FleetSpec.parse(null)).isEmpty();
        assertThat(FleetSpec.parse(" ")).isEmpty();
    }

    @Test
    void malformedEntriesAreRefusedNamingThem() {
        assertThatThrownBy(() -> FleetSpec.parse("default:m5.large")).hasMessageContaining("'default:m5.large'");
        assertThatThrownBy(() -> FleetSpec.parse("default:m5.large:ten")).hasMessageContaining("count");
        assertThatThrownBy(() -> FleetSpec.parse(":m5.large:1")).isInstanceOf(IllegalArgumentException.class);
    }
}
