package io.berth.cluster.capacityprovider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.ecs.Caller;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which requests {@link CapacityProviderService#known} answers without reading the caller's providers. Plain JUnit:
 * outside Quarkus the entity's static queries are not enhanced and throw, so a read here would fail the test.
 */
class KnownProvidersTest {

    final CapacityProviderService service = new CapacityProviderService(null, null, null);
    final Caller caller = Caller.of("123456789012", "eu-west-1");

    @Test
    void aRequestNamingNoProviderOrOnlyBuiltInOnesReadsNothing() {
        for (List<String> named : List.of(List.<String>of(), List.of("FARGATE"), List.of("FARGATE_SPOT", "FARGATE"))) {
            CapacityProviderService.Known known = service.known(caller, named);
            assertThat(known.names()).containsExactlyInAnyOrder("FARGATE", "FARGATE_SPOT");
            assertThat(known.withManagedScaling()).isEmpty();
        }
    }

    @Test
    void aRequestNamingOneOfTheCallersOwnReadsThem() {
        // The read this plain test can not make (the entity's query is Quarkus's, at build time) shows it attempted.
        assertThatThrownBy(() -> service.known(caller, List.of("FARGATE", "hosts")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("automatically overridden");
    }
}
