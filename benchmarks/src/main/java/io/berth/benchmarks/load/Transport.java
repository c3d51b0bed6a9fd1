package io.berth.benchmarks.load;

import java.util.concurrent.CompletableFuture;

/**
 * Sends one ECS request without blocking the caller. A failure to get any answer completes the
 * future exceptionally; every HTTP status, errors included, completes it normally.
 */
interface Transport {

    CompletableFuture<EcsResponse> send(EcsRequest request);
}
