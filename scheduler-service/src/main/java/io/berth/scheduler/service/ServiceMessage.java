package io.berth.scheduler.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the service's {@code events[]} (the ECS {@code ServiceEvent} shape). The id is derived
 * from the service, the time and the text, so deciding twice gives the same entry.
 */
public record ServiceMessage(String id, Instant createdAt, String message) {

    public static ServiceMessage of(String serviceArn, Instant createdAt, String message) {
        String key = serviceArn + '\n' + createdAt + '\n' + message;
        return new ServiceMessage(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString(),
                createdAt, message);
    }
}
