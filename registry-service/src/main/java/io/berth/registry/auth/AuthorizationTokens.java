package io.berth.registry.auth;

import io.berth.ecs.Caller;
import io.berth.registry.infra.RegistryConfig;
import io.berth.registry.infra.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The passwords GetAuthorizationToken hands out and the registry accepts with the user
 * {@code AWS}: the account, region and expiry, signed with a key every instance of the service
 * shares (kept in its database), so a token needs no lookup and survives restarts. A password
 * holds no {@code :}, which {@code aws ecr get-login-password} splits on.
 */
@ApplicationScoped
public class AuthorizationTokens {

    public static final String USER = "AWS";
    private static final String VERSION = "b1";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final Sql sql;
    private final RegistryConfig config;
    private volatile byte[] key;

    /** A token: the password, its {@code authorizationToken} form, and when it expires. */
    public record Token(String password, String authorizationToken, Instant expiresAt) {
    }

    /** Why a password was refused. */
    public enum Refusal {
        INVALID, EXPIRED
    }

    /** The registry a password opens, or why it opens none. */
    public record Verdict(Optional<Caller> caller, Refusal refusal) {
    }

    public AuthorizationTokens(Sql sql, RegistryConfig config) {
        this.sql = sql;
        this.config = config;
    }

    public Token issue(Caller caller, Instant now) {
        Instant expiresAt = now.plus(config.tokenValidity());
        String payload = VERSION + "." + caller.account() + "." + caller.region() + "." + expiresAt.getEpochSecond();
        String body = URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        String password = body + "." + URL.encodeToString(sign(body));
        String authorizationToken = Base64.getEncoder().encodeToString((USER + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return new Token(password, authorizationToken, expiresAt);
    }

    public Verdict verify(String password, Instant now) {
        int dot = password == null ? -1 : password.lastIndexOf('.');
        if (dot < 1) {
            return refused(Refusal.INVALID);
        }
        String body = password.substring(0, dot);
        byte[] signature;
        String[] fields;
        try {
            signature = Base64.getUrlDecoder().decode(password.substring(dot + 1));
            fields = new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8).split("\\.");
        } catch (IllegalArgumentException e) {
            return refused(Refusal.INVALID);
        }
        if (!MessageDigest.isEqual(signature, sign(body)) || fields.length != 4 || !VERSION.equals(fields[0])) {
            return refused(Refusal.INVALID);
        }
        if (Instant.ofEpochSecond(Long.parseLong(fields[3])).isBefore(now)) {
            return refused(Refusal.EXPIRED);
        }
        return new Verdict(Optional.of(Caller.of(fields[1], fields[2])), null);
    }

    private static Verdict refused(Refusal refusal) {
        return new Verdict(Optional.empty(), refusal);
    }

    private byte[] sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signing key: created once, by whichever instance asks first. */
    private byte[] key() {
        byte[] known = key;
        if (known == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            sql.update("insert into registry_signing_key (id, secret) values (1, ?) on conflict (id) do nothing", fresh);
            known = sql.one("select secret from registry_signing_key where id = 1", rs -> rs.getBytes(1)).orElseThrow();
            key = known;
        }
        return known;
    }
}
