package io.berth.logs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.ecs.EcsException;
import io.berth.logs.store.PutBatch.InputEvent;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PutBatchTest {

    private static final long NOW = 1_796_000_000_000L;
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();

    private static InputEvent at(long timestamp) {
        return new InputEvent(timestamp, "line at " + timestamp);
    }

    @Test
    void eventsTooOldExpiredOrTooNewAreRejectedOneByOneAndTheRestAccepted() {
        List<InputEvent> events = List.of(at(NOW - 15 * DAY), at(NOW - 8 * DAY), at(NOW - HOUR), at(NOW),
                at(NOW + 3 * HOUR));
        PutBatch batch = PutBatch.check(events, NOW, 7);
        assertThat(batch.accepted()).containsExactly(at(NOW - HOUR), at(NOW));
        assertThat(batch.tooOldEnd()).isEqualTo(1);
        assertThat(batch.expiredEnd()).isEqualTo(2);
        assertThat(batch.tooNewStart()).isEqualTo(4);
    }

    @Test
    void aBatchWithoutRejectionsReportsNone() {
        PutBatch batch = PutBatch.check(List.of(at(NOW - 1), at(NOW - 1), at(NOW)), NOW, null);
        assertThat(batch.accepted()).hasSize(3);
        assertThat(batch.rejectedAny()).isFalse();
    }

    @Test
    void eventsOutOfOrderFailTheWholeBatch() {
        assertThatThrownBy(() -> PutBatch.check(List.of(at(NOW), at(NOW - 1)), NOW, null))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidParameterException");
                    assertThat(e.getMessage()).isEqualTo(
                            "Log events in a single PutLogEvents request must be in chronological order.");
                });
    }

    @Test
    void aBatchSpanningMoreThanADayFails() {
        assertThatThrownBy(() -> PutBatch.check(List.of(at(NOW - 2 * DAY), at(NOW)), NOW, null))
                .hasMessageContaining("cannot span more than 24 hours");
    }

    @Test
    void sizeAndCountAreLimitedAsCloudWatchLimitsThem() {
        String big = "x".repeat(PutBatch.MAX_BYTES / 2);
        assertThatThrownBy(() -> PutBatch.check(List.of(new InputEvent(NOW, big), new InputEvent(NOW, big)), NOW,
                null)).hasMessageStartingWith("Upload too large: 1048628 bytes exceeds limit of 1048576");
        List<InputEvent> tooMany = IntStream.range(0, PutBatch.MAX_EVENTS + 1).mapToObj(i -> at(NOW)).toList();
        assertThatThrownBy(() -> PutBatch.check(tooMany, NOW, null)).hasMessageContaining(
                "at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to 10000");
        assertThatThrownBy(() -> PutBatch.check(List.of(), NOW, null)).hasMessageContaining(
                "Member must have length greater than or equal to 1");
        assertThatThrownBy(() -> PutBatch.check(List.of(new InputEvent(NOW, "")), NOW, null))
                .hasMessageContaining("at 'logEvents.1.member.message'");
    }
}
