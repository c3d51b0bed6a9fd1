package io.berth.logs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.logs.store.EventKey.StreamToken;
import org.junit.jupiter.api.Test;

class EventKeyTest {

    @Test
    void tokensHaveCloudWatchsFormAndReadBack() {
        EventKey key = new EventKey(1_796_000_000_123L, 42);
        String forward = key.token(true);
        assertThat(forward).matches("f/\\d{56}/s");
        assertThat(StreamToken.parse(forward)).isEqualTo(new StreamToken(true, key));
        assertThat(StreamToken.parse(key.token(false))).isEqualTo(new StreamToken(false, key));
        assertThat(EventKey.eventId(42)).hasSize(56).endsWith("42");
    }

    @Test
    void aTokenNotHandedOutIsInvalid() {
        assertThatThrownBy(() -> StreamToken.parse("f/123")).hasMessage("The specified nextToken is invalid.");
    }

    @Test
    void filterTokensAreBoundToTheirDirection() {
        EventKey key = new EventKey(5, 6);
        assertThat(LogEventService.filterToken(LogEventService.filterToken(key, true), true)).isEqualTo(key);
        assertThatThrownBy(() -> LogEventService.filterToken(LogEventService.filterToken(key, true), false))
                .hasMessage("The specified nextToken is invalid.");
    }
}
