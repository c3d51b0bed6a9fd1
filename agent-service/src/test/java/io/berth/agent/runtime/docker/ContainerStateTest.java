package io.berth.agent.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Reading an inspect's {@code State} as Podman 4.3 and Docker answer it. */
class ContainerStateTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String STARTED = "2026-12-06T03:53:08.818987207Z";

    static ContainerState state(String status, boolean running, int exitCode, String startedAt) throws Exception {
        JsonNode container = JSON.readTree(("{'Id':'x','State':{'Status':'" + status + "','Running':" + running
                + ",'ExitCode':" + exitCode + ",'OOMKilled':false,'StartedAt':'" + startedAt + "'}}")
                .replace('\'', '"'));
        return ContainerState.of(container);
    }

    @Test
    void aContainerPodmanIsStoppingHasNotExitedThoughItIsNotRunning() throws Exception {
        ContainerState stopping = state("stopping", false, 0, STARTED);

        assertThat(stopping.alive()).isTrue();
        assertThat(stopping.exited()).isFalse();
    }

    @Test
    void anExitedContainerHasExitedWithItsCode() throws Exception {
        ContainerState exited = state("exited", false, 143, STARTED);

        assertThat(exited.exited()).isTrue();
        assertThat(exited.alive()).isFalse();
        assertThat(exited.exitCode()).isEqualTo(143);
        assertThat(exited.startedAt()).isEqualTo(Instant.parse(STARTED));
    }

    @Test
    void aRunningContainerHasNotExited() throws Exception {
        assertThat(state("running", true, 0, STARTED).exited()).isFalse();
    }

    @Test
    void aContainerCreatedButNeverStartedHasNotExitedAndHasNoStart() throws Exception {
        ContainerState created = state("created", false, 0, "0001-01-01T00:00:00Z");

        assertThat(created.startedAt()).isNull();
        assertThat(created.exited()).isFalse();
    }
}
