package io.berth.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.ecs.EcsException;
import io.berth.eventsourcing.Decider;
import java.util.List;

/** Given past events, when a command, then new events or the exact ECS rejection. */
public final class DeciderSpec<C, E, S> {

    private final Decider<C, E, S> decider;
    private S state;
    private C command;

    private DeciderSpec(Decider<C, E, S> decider) {
        this.decider = decider;
        this.state = decider.initialState();
    }

    public static <C, E, S> DeciderSpec<C, E, S> of(Decider<C, E, S> decider) {
        return new DeciderSpec<>(decider);
    }

    @SafeVarargs
    public final DeciderSpec<C, E, S> given(E... events) {
        state = decider.fold(state, List.of(events));
        return this;
    }

    public DeciderSpec<C, E, S> when(C command) {
        this.command = command;
        return this;
    }

    @SafeVarargs
    public final S then(E... expected) {
        List<E> decided = decider.decide(command, state);
        assertThat(decided).containsExactly(expected);
        return decider.fold(state, decided);
    }

    public List<E> events() {
        return decider.decide(command, state);
    }

    public void thenRejected(String code, String message) {
        assertThatThrownBy(() -> decider.decide(command, state))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    public void thenRejectedWith(String code, String messagePart) {
        assertThatThrownBy(() -> decider.decide(command, state))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(messagePart);
                });
    }
}
