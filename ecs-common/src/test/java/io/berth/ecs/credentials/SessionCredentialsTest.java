package io.berth.ecs.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.ecs.credentials.SessionCredentials.Credentials;
import io.berth.ecs.credentials.SessionCredentials.Identity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionCredentialsTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-characters";
    private static final Identity TASK_ROLE = new Identity("123456789012", "arn:aws:iam::123456789012:role/app",
            "arn:aws:ecs:us-east-1:123456789012:task/demo/0f9a8b7c", SessionCredentials.TASK,
            Instant.parse("2026-12-05T16:00:00Z"));

    private final SessionCredentials credentials = new SessionCredentials(new Sealer(SECRET));

    @Test
    void aTokenSaysWhomItWasIssuedToAndYieldsItsSecretKey() {
        Credentials issued = credentials.issue(TASK_ROLE);
        assertThat(issued.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
        assertThat(issued.secretAccessKey()).hasSize(40);
        Credentials opened = new SessionCredentials(new Sealer(SECRET)).open(issued.sessionToken()).orElseThrow();
        assertThat(opened).isEqualTo(issued);
    }

    @Test
    void aTokenOfAnotherSecretOrAlteredDoesNotOpen() {
        String token = credentials.issue(TASK_ROLE).sessionToken();
        assertThat(new SessionCredentials(new Sealer(SECRET + "!")).open(token)).isEmpty();
        char[] altered = token.toCharArray();
        altered[20] = altered[20] == 'A' ? 'B' : 'A';
        assertThat(credentials.open(new String(altered))).isEmpty();
        assertThat(credentials.open("not base64 at all %%")).isEmpty();
    }

    @Test
    void aSealedTextOpensOnlyForItsPurpose() {
        Sealer sealer = new Sealer(SECRET);
        String sealed = sealer.seal("credentials-id", "task\nrole");
        assertThat(sealer.open("credentials-id", sealed)).contains("task\nrole");
        assertThat(sealer.open("metadata-id", sealed)).isEmpty();
        assertThat(sealer.seal("credentials-id", "task\nrole")).as("sealing twice gives two texts").isNotEqualTo(sealed);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new Sealer("short")).hasMessageContaining("BERTH_CREDENTIALS_SECRET");
    }
}
