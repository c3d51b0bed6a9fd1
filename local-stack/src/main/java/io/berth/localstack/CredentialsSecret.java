package io.berth.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The secret the agent-service and the gateway seal and open task credentials with (ADR 0028). One given in
 * {@code BERTH_CREDENTIALS_SECRET} is used; otherwise the stack makes one the first time and keeps it in its home, so
 * that credentials a task holds stay valid across {@code ./berth down} and {@code up}.
 */
final class CredentialsSecret {

    static final String KEY = "BERTH_CREDENTIALS_SECRET";

    private CredentialsSecret() {
    }

    static String of(Map<String, String> env, Path home) {
        String given = env.get(KEY);
        if (given != null && !given.isBlank()) {
            return given;
        }
        Path file = home.resolve("credentials.secret");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(home);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
