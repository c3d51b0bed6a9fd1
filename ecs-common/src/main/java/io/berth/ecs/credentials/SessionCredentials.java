package io.berth.ecs.credentials;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Temporary AWS credentials that say whom they were issued to. The session token is the sealed identity (account,
 * role, task, kind, expiry, access key id); the secret access key is derived from the access key id with the shared
 * secret. Whoever holds the secret can therefore tell, from a request's credentials alone, which task and role made
 * it, and recompute the secret key to check its signature: no table of issued credentials, no lookup, nothing to
 * replicate. Credentials are never stored; new ones are issued before the old expire.
 */
public final class SessionCredentials {

    private static final String PURPOSE = "session-token";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Whom credentials are for. {@code kind} is {@link #TASK} (the task role its containers use), {@link #EXECUTION}
     * (the role the agent acts with for the task: image pulls, awslogs) or {@link #INSTANCE} (the agent's own).
     */
    public record Identity(String account, String roleArn, String taskArn, String kind, Instant expiration) {
    }

    public static final String TASK = "task";
    public static final String EXECUTION = "execution";
    public static final String INSTANCE = "instance";

    /** Credentials as the credentials endpoint hands them out. */
    public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken, Identity identity) {
    }

    private final Sealer sealer;
    private final byte[] secretKeys;

    public SessionCredentials(Sealer sealer) {
        this.sealer = sealer;
        this.secretKeys = sealer.derive("secret-access-key");
    }

    public Credentials issue(Identity identity) {
        StringBuilder id = new StringBuilder("ASIA");
        for (int i = 0; i < 16; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        String accessKeyId = id.toString();
        String token = sealer.seal(PURPOSE, String.join("\n", accessKeyId, identity.account(), identity.kind(),
                identity.roleArn(), identity.taskArn() == null ? "" : identity.taskArn(),
                Long.toString(identity.expiration().getEpochSecond())));
        return new Credentials(accessKeyId, secretAccessKey(accessKeyId), token, identity);
    }

    /**
     * What a session token says, if this secret sealed it; the caller checks the expiration and that the request's
     * access key id is the one the token names.
     */
    public Optional<Credentials> open(String sessionToken) {
        return sealer.open(PURPOSE, sessionToken).map(text -> text.split("\n", -1)).filter(parts -> parts.length == 6)
                .map(parts -> new Credentials(parts[0], secretAccessKey(parts[0]), sessionToken,
                        new Identity(parts[1], parts[3], parts[4].isEmpty() ? null : parts[4], parts[2],
                                Instant.ofEpochSecond(Long.parseLong(parts[5])))));
    }

    /** 40 characters of base64, as AWS secret access keys look. */
    private String secretAccessKey(String accessKeyId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKeys, "HmacSHA256"));
            byte[] digest = mac.doFinal(accessKeyId.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(digest, 30));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
