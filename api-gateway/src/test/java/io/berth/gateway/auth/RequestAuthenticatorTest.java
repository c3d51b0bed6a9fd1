package io.berth.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.ecs.EcsException;
import io.berth.ecs.credentials.Sealer;
import io.berth.ecs.credentials.SessionCredentials;
import io.berth.ecs.credentials.SessionCredentials.Credentials;
import io.berth.ecs.credentials.SessionCredentials.Identity;
import io.berth.gateway.auth.RequestAuthenticator.Principal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Requests signed by the AWS SDK's own SigV4 signer, checked by the gateway's verification. */
class RequestAuthenticatorTest {

    private static final String SECRET = "berth-test-secret-0123456789abcdef";
    private static final String BODY = "{\"logGroupName\":\"/ecs/web\",\"limit\":5}";
    private static final String TASK = "arn:aws:ecs:eu-west-1:123456789012:task/prod/0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c";
    private static final String ROLE = "arn:aws:iam::123456789012:role/web-task";

    private final RequestAuthenticator verifying = new RequestAuthenticator(new SigV4Caller("000000000000"), true,
            Optional.of(List.of("AKIDBERTHEXAMPLE:wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY:210987654321")), SECRET);
    private final SessionCredentials sessions = new SessionCredentials(new Sealer(SECRET));

    @Test
    void aRequestTheSdkSignedWithAConfiguredKeyActsInThatKeysAccount() {
        Principal principal = verifying.authenticate(signed(BODY, Instant.now(),
                AwsCredentialsIdentity.create("AKIDBERTHEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")));

        assertThat(principal.caller().account()).isEqualTo("210987654321");
        assertThat(principal.caller().region()).isEqualTo("eu-west-1");
        assertThat(principal.accessKeyId()).isEqualTo("AKIDBERTHEXAMPLE");
        assertThat(principal.taskArn()).isNull();
    }

    @Test
    void aTasksCredentialsNameTheTaskAndRoleThatMadeTheCall() {
        Credentials task = taskCredentials(Instant.now().plus(Duration.ofHours(1)));

        Principal principal = verifying.authenticate(signed(BODY, Instant.now(), session(task)));

        assertThat(principal.taskArn()).isEqualTo(TASK);
        assertThat(principal.roleArn()).isEqualTo(ROLE);
        assertThat(principal.caller().account()).isEqualTo("123456789012");
        assertThat(principal.accessKeyId()).isEqualTo(task.accessKeyId());
    }

    @Test
    void withoutVerificationTaskCredentialsStillNameTheTask() {
        RequestAuthenticator trusting = new RequestAuthenticator(new SigV4Caller("000000000000"), false,
                Optional.empty(), SECRET);

        Principal principal = trusting.authenticate(signed(BODY, Instant.now(),
                session(taskCredentials(Instant.now().plus(Duration.ofHours(1))))));

        assertThat(principal.taskArn()).isEqualTo(TASK);
    }

    @Test
    void aBodyChangedAfterSigningIsRefusedAsAwsRefusesIt() {
        SigV4.Request request = signed(BODY, Instant.now(),
                AwsCredentialsIdentity.create("AKIDBERTHEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
        SigV4.Request forged = new SigV4.Request(request.method(), request.rawPath(), request.rawQuery(),
                request.headers(), BODY.replace("5", "50").getBytes(StandardCharsets.UTF_8));

        assertRefused(forged, "InvalidSignatureException", 403, "The request signature we calculated does not match");
    }

    @Test
    void aWrongSecretKeyIsRefused() {
        assertRefused(signed(BODY, Instant.now(), AwsCredentialsIdentity.create("AKIDBERTHEXAMPLE", "not-the-secret")),
                "InvalidSignatureException", 403, "Check your AWS Secret Access Key");
    }

    @Test
    void anUnknownAccessKeyIsRefused() {
        assertRefused(signed(BODY, Instant.now(), AwsCredentialsIdentity.create("AKIDUNKNOWN", "whatever")),
                "UnrecognizedClientException", 400, "The security token included in the request is invalid.");
    }

    @Test
    void aSignatureOlderThanFifteenMinutesIsRefused() {
        assertRefused(signed(BODY, Instant.now().minus(Duration.ofMinutes(16)),
                AwsCredentialsIdentity.create("AKIDBERTHEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")),
                "InvalidSignatureException", 403, "Signature expired");
    }

    @Test
    void expiredTaskCredentialsAreRefused() {
        Credentials expired = taskCredentials(Instant.now().minus(Duration.ofMinutes(1)));

        assertRefused(signed(BODY, Instant.now(), session(expired)), "ExpiredTokenException", 403,
                "The security token included in the request is expired");
    }

    @Test
    void aSessionTokenSealedWithAnotherSecretIsRefused() {
        Credentials foreign = new SessionCredentials(new Sealer("another-secret-0123456789abcdefghij")).issue(
                new Identity("123456789012", ROLE, TASK, SessionCredentials.TASK, Instant.now().plusSeconds(3600)));

        assertRefused(signed(BODY, Instant.now(), session(foreign)), "UnrecognizedClientException", 400,
                "The security token included in the request is invalid.");
    }

    @Test
    void anUnsignedRequestIsRefusedWhenSignaturesAreVerified() {
        assertRefused(new SigV4.Request("POST", "/", null, Map.of(), new byte[0]),
                "MissingAuthenticationTokenException", 403, "Missing Authentication Token");
    }

    private Credentials taskCredentials(Instant expiration) {
        return sessions.issue(new Identity("123456789012", ROLE, TASK, SessionCredentials.TASK, expiration));
    }

    private static AwsSessionCredentialsIdentity session(Credentials credentials) {
        return AwsSessionCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken());
    }

    private void assertRefused(SigV4.Request request, String code, int status, String message) {
        assertThatThrownBy(() -> verifying.authenticate(request)).isInstanceOfSatisfying(EcsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).contains(message);
        });
    }

    /** A CloudWatch Logs call as the SDK signs it at {@code signedAt}, taken apart as the gateway receives it. */
    private static SigV4.Request signed(String body, Instant signedAt, AwsCredentialsIdentity identity) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://localhost:8080/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "Logs_20140328.DescribeLogStreams")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request)
                .payload(ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "logs")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
        Map<String, List<String>> headers = new HashMap<>();
        signed.request().headers().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        headers.putIfAbsent("host", List.of("localhost:8080"));
        return new SigV4.Request("POST", "/", null, headers, bytes);
    }
}
