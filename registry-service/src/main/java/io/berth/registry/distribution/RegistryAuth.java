package io.berth.registry.distribution;

import io.berth.ecs.Caller;
import io.berth.ecs.EcrHosts;
import io.berth.registry.auth.AuthorizationTokens;
import io.berth.registry.auth.AuthorizationTokens.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Who a registry request acts for: ECR's Basic authentication, user {@code AWS} and the password
 * GetAuthorizationToken gave, which names the account and region whose registry it opens. A
 * request to an ECR host name must carry a token of that registry.
 */
@ApplicationScoped
public class RegistryAuth {

    private final AuthorizationTokens tokens;

    public RegistryAuth(AuthorizationTokens tokens) {
        this.tokens = tokens;
    }

    /** The caller, or the answer that refuses the request: 401 with ECR's Basic challenge, or 403. */
    public Authenticated authenticate(String authorization, String host) {
        Optional<Caller> named = EcrHosts.parse(host);
        String realm = "https://" + (named.isPresent() ? EcrHosts.of(named.get())
                : host == null ? "localhost" : host) + "/";
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return refused(challenge(realm, "Authenticate with the user AWS and the password of"
                    + " aws ecr get-login-password."));
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return refused(challenge(realm, "The Authorization header is not Basic base64(user:password)."));
        }
        int colon = credentials.indexOf(':');
        if (colon < 0 || !AuthorizationTokens.USER.equals(credentials.substring(0, colon))) {
            return refused(challenge(realm, "The user must be AWS, with the password of aws ecr get-login-password."));
        }
        Verdict verdict = tokens.verify(credentials.substring(colon + 1), Instant.now());
        if (verdict.caller().isEmpty()) {
            return refused(challenge(realm, verdict.refusal() == AuthorizationTokens.Refusal.EXPIRED
                    ? "Your authorization token has expired. Reauthenticate and try again."
                    : "The password is not an authorization token of this registry."));
        }
        Caller caller = verdict.caller().get();
        if (named.isPresent() && !named.get().equals(caller)) {
            return refused(RegistryErrors.of(403, "DENIED", "Your authorization token is for the registry "
                    + EcrHosts.of(caller) + ", not " + EcrHosts.of(named.get())
                    + "."));
        }
        return new Authenticated(Optional.of(caller), null);
    }

    /** The outcome: a caller, or the response that refuses. */
    public record Authenticated(Optional<Caller> caller, Response refusal) {
    }

    private static Authenticated refused(Response response) {
        return new Authenticated(Optional.empty(), response);
    }

    private static Response challenge(String realm, String message) {
        return Response.fromResponse(RegistryErrors.of(401, "UNAUTHORIZED", message))
                .header("WWW-Authenticate", "Basic realm=\"" + realm + "\",service=\"ecr.amazonaws.com\"").build();
    }
}
