package io.berth.agent.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.agent.runtime.RegistryCredentials;
import io.berth.agent.runtime.TaskSpec;
import io.berth.ecs.Arns;
import io.berth.ecs.Caller;
import io.berth.ecs.EcrHosts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pull credentials for ECR images, got as the ECS agent gets them: the task's execution role (without one, the
 * instance's role, which is the task's account) calls GetAuthorizationToken in the region of the image's registry
 * for that registry; the answer must be for the image's registry ({@code proxyEndpoint}); its token is user and
 * password. A token is kept per role, registry and region until {@link #REFRESH_AHEAD} before it expires. Images of
 * other registries need none.
 */
public final class EcrPullCredentials implements RegistryCredentials {

    /** How long before its expiry a token is replaced: the ECS agent's least margin. */
    static final Duration REFRESH_AHEAD = Duration.ofMinutes(30);

    /** ECR's GetAuthorizationToken, asked as {@code caller} for the registry {@code registryId}. */
    @FunctionalInterface
    public interface AuthorizationTokens {

        /**
         * The operation's answer ({@code authorizationData[]}).
         *
         * @throws Unavailable with the ECR error ({@code <__type>: <message>}) when it fails
         */
        JsonNode get(Caller caller, String registryId);
    }

    private record Key(String account, String role, String registryId, String region) {
    }

    private record Token(Credentials credentials, Instant expiresAt) {
    }

    private final AuthorizationTokens tokens;
    private final Clock clock;
    private final Map<Key, Token> cache = new ConcurrentHashMap<>();

    public EcrPullCredentials(AuthorizationTokens tokens, Clock clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Credentials> lookup(String registry, TaskSpec task) {
        Optional<Caller> named = EcrHosts.parse(registry);
        if (named.isEmpty()) {
            return Optional.empty();
        }
        Caller image = named.get();
        String account = Arns.accountOf(task.executionRoleArn()).or(() -> Arns.accountOf(task.taskArn()))
                .orElse(image.account());
        Key key = new Key(account, task.executionRoleArn(), image.account(), image.region());
        Instant now = clock.instant();
        Token token = cache.get(key);
        if (token == null || !now.isBefore(token.expiresAt().minus(REFRESH_AHEAD))) {
            token = fetch(Caller.of(account, image.region()), image);
            cache.put(key, token);
        }
        return Optional.of(token.credentials());
    }

    private Token fetch(Caller caller, Caller image) {
        JsonNode data = tokens.get(caller, image.account()).path(0);
        String proxyEndpoint = data.path("proxyEndpoint").asText("");
        if (!proxyEndpoint.equals(EcrHosts.proxyEndpoint(image))) {
            throw new Unavailable("GetAuthorizationToken answered for '" + proxyEndpoint + "', not for the registry "
                    + EcrHosts.of(image));
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(data.path("authorizationToken").asText("")),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        int colon = decoded.indexOf(':');
        if (colon < 1 || !data.path("expiresAt").isNumber()) {
            throw new Unavailable("GetAuthorizationToken's authorization data for " + EcrHosts.of(image)
                    + " is malformed");
        }
        Instant expiresAt = Instant.ofEpochMilli(Math.round(data.path("expiresAt").asDouble() * 1000));
        return new Token(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1), proxyEndpoint),
                expiresAt);
    }
}
