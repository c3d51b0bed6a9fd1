package io.berth.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.ecs.Caller;
import io.berth.ecs.EcsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigV4CallerTest {

    static final SigV4Caller CALLERS = new SigV4Caller("000000000000");

    static String authorization(String accessKey, String region) {
        return "AWS4-HMAC-SHA256 Credential=" + accessKey + "/20261126/" + region + "/ecs/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=abc123";
    }

    @Test
    void aTwelveDigitAccessKeySelectsThatAccountAndTheScopeTheRegion() {
        assertThat(CALLERS.of(authorization("123456789012", "eu-central-1")))
                .isEqualTo(new Caller("123456789012", "eu-central-1"));
    }

    @Test
    void anyOtherAccessKeyIsTheDefaultAccount() {
        assertThat(CALLERS.of(authorization("test", "us-west-2")))
                .isEqualTo(new Caller("000000000000", "us-west-2"));
        assertThat(CALLERS.of(authorization("AKIAIOSFODNN7EXAMPLE", "ap-southeast-1")).account())
                .isEqualTo("000000000000");
    }

    @Test
    void anUnsignedRequestIsTheDefaultAccountInTheDefaultRegion() {
        assertThat(CALLERS.of(null)).isEqualTo(new Caller("000000000000", "us-east-1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "AWS4-HMAC-SHA256 Signature=abc",
            "AWS4-HMAC-SHA256 Credential=key/20261126/Not A Region/ecs/aws4_request"})
    void aMalformedAuthorizationIsAnIncompleteSignature(String header) {
        assertThatThrownBy(() -> CALLERS.of(header)).isInstanceOfSatisfying(EcsException.class,
                e -> assertThat(e.code()).isEqualTo("IncompleteSignature"));
    }

    @Test
    void theDefaultAccountIsASettingForSuitesWrittenAgainstOtherEmulators() {
        SigV4Caller moto = new SigV4Caller("123456789012");
        assertThat(moto.of(null)).isEqualTo(new Caller("123456789012", "us-east-1"));
        assertThat(moto.of(authorization("test", "eu-west-1"))).isEqualTo(new Caller("123456789012", "eu-west-1"));
        assertThat(moto.of(authorization("210987654321", "eu-west-1")).account()).isEqualTo("210987654321");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "1234567890123", "00000000000a"})
    void aDefaultAccountThatIsNotTwelveDigitsStopsTheGatewayFromStarting(String account) {
        assertThatThrownBy(() -> new SigV4Caller(account)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BERTH_DEFAULT_ACCOUNT");
    }
}
