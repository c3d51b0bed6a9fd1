package io.berth.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.ecs.Caller;
import io.berth.gateway.GatewayConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which owners' answers the gateway asks again, over real HTTP to an owner that answers as told. */
class OwnerClientTest {

    private static final Caller CALLER = new Caller("000000000000", "eu-west-1");

    private static Vertx vertx;
    private static HttpServer owner;
    private static final Deque<Integer> statuses = new ArrayDeque<>();
    private static final AtomicInteger calls = new AtomicInteger();
    private static OwnerClient client;

    @BeforeAll
    static void owner() throws Exception {
        vertx = Vertx.vertx();
        owner = vertx.createHttpServer().requestHandler(request -> {
            calls.incrementAndGet();
            Integer status;
            synchronized (statuses) {
                status = statuses.poll();
            }
            request.response().setStatusCode(status == null ? 200 : status).end("{}");
        }).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client = new OwnerClient(vertx, config(URI.create("http://localhost:" + owner.actualPort() + "/")),
                new PendingPositions(PendingPositionsTest.config(Duration.ofSeconds(30))));
    }

    @AfterAll
    static void close() {
        vertx.close();
    }

    @BeforeEach
    void reset() {
        calls.set(0);
        synchronized (statuses) {
            statuses.clear();
        }
    }

    private static void answer(Integer... next) {
        synchronized (statuses) {
            statuses.addAll(List.of(next));
        }
    }

    @Test
    void aReadIsAskedAgainWhileTheOwnerIsUnavailable() {
        answer(503, 502);

        OwnerClient.Answer answer = client.forward(Owner.CLUSTER_SERVICE, "DescribeClusters", "{}".getBytes(), CALLER,
                UUID.randomUUID());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(calls).hasValue(3);
    }

    @Test
    void aReadGivesUpAfterThreeAttempts() {
        answer(503, 503, 503, 503);

        OwnerClient.Answer answer = client.forward(Owner.CLUSTER_SERVICE, "ListClusters", "{}".getBytes(), CALLER,
                UUID.randomUUID());

        assertThat(answer.status()).isEqualTo(503);
        assertThat(calls).hasValue(3);
    }

    @Test
    void aFailureOfTheOwnersCodeIsAnsweredAtOnce() {
        answer(500);

        OwnerClient.Answer answer = client.forward(Owner.CLUSTER_SERVICE, "DescribeClusters", "{}".getBytes(), CALLER,
                UUID.randomUUID());

        assertThat(answer.status()).isEqualTo(500);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aWriteIsNeverAskedAgain() {
        answer(503);

        OwnerClient.Answer answer = client.forward(Owner.CLUSTER_SERVICE, "CreateCluster", "{}".getBytes(), CALLER,
                UUID.randomUUID());

        assertThat(answer.status()).isEqualTo(503);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aCallFromAnEventLoopIsAnsweredOnItWithoutBlockingItsRetriesIncluded() throws Exception {
        answer(503);
        CompletableFuture<OwnerClient.Answer> answered = new CompletableFuture<>();
        CompletableFuture<Boolean> onEventLoop = new CompletableFuture<>();

        vertx.runOnContext(ignored -> client.forwardAsync(Owner.CLUSTER_SERVICE, EcsOperations.FACE,
                "DescribeClusters", "{}".getBytes(), CALLER, UUID.randomUUID()).onComplete(done -> {
                    onEventLoop.complete(Context.isOnEventLoopThread());
                    answered.complete(done.result());
                }));

        assertThat(answered.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(onEventLoop.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(calls).hasValue(2);
    }

    @Test
    void theBlockingCallIsRefusedOnAnEventLoop() throws Exception {
        CompletableFuture<Throwable> refused = new CompletableFuture<>();

        vertx.runOnContext(ignored -> {
            try {
                client.forward(Owner.CLUSTER_SERVICE, "DescribeClusters", "{}".getBytes(), CALLER, UUID.randomUUID());
                refused.complete(null);
            } catch (IllegalStateException e) {
                refused.complete(e);
            }
        });

        assertThat(refused.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(0);
    }

    private static GatewayConfig config(URI owner) {
        return new GatewayConfig() {
            @Override
            public URI clusterServiceUrl() {
                return owner;
            }

            @Override
            public URI schedulerServiceUrl() {
                return owner;
            }

            @Override
            public URI agentServiceUrl() {
                return owner;
            }

            @Override
            public URI scalingServiceUrl() {
                return owner;
            }

            @Override
            public URI registryServiceUrl() {
                return owner;
            }

            @Override
            public URI logsServiceUrl() {
                return owner;
            }

            @Override
            public Duration schedulerTimeout() {
                return Duration.ofSeconds(15);
            }

            @Override
            public String defaultAccount() {
                return "000000000000";
            }
        };
    }
}
