package io.berth.ecs.credentials;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals short texts with a secret that the services which hand them out and those which read them back share (from
 * the environment, {@code BERTH_CREDENTIALS_SECRET}): AES-256-GCM under a key derived from the secret for each
 * purpose, so that a text sealed for one purpose never opens as another. What is sealed can be neither read nor
 * forged without the secret, so it can travel in the open (a session token, an id in a URL) and be trusted when it
 * comes back, with no lookup.
 */
public final class Sealer {

    /** The shortest secret accepted: 32 characters. */
    public static final int MIN_SECRET = 32;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] secret;

    public Sealer(String secret) {
        if (secret == null || secret.length() < MIN_SECRET) {
            throw new IllegalArgumentException("The credentials secret (BERTH_CREDENTIALS_SECRET) must have at least "
                    + MIN_SECRET + " characters.");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The text sealed for {@code purpose}, as URL-safe base64 without padding. */
    public String seal(String purpose, String text) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derive("seal/" + purpose), "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The text, if {@code sealed} was sealed for {@code purpose} with this secret and not altered since. */
    public Optional<String> open(String purpose, String sealed) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length <= NONCE) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derive("seal/" + purpose), "AES"),
                    new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE));
            return Optional.of(new String(cipher.doFinal(bytes, NONCE, bytes.length - NONCE), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** A key of 32 bytes for one use, derived from the secret (HMAC-SHA256 of the use's name). */
    byte[] derive(String use) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(use.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
