package io.berth.gateway.auth;

import io.berth.ecs.Caller;
import io.berth.ecs.EcsException;
import io.berth.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the caller's account and region in a request's SigV4 {@code Authorization} header:
 * {@code AWS4-HMAC-SHA256 Credential=<access key>/<date>/<region>/<service>/aws4_request, ...}.
 * An access key id of twelve digits selects that account; any other key, and an unsigned request,
 * act in the default account ({@code BERTH_DEFAULT_ACCOUNT}, {@value Caller#DEFAULT_ACCOUNT} unless
 * set, so that suites written against another emulator's default account run unchanged). The
 * signature itself is not verified yet; when it is, it will be checked here.
 */
@ApplicationScoped
public class SigV4Caller {

    private static final Pattern CREDENTIAL = Pattern.compile(
            "Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request");
    private static final Pattern TWELVE_DIGITS = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    private final String defaultAccount;

    @Inject
    public SigV4Caller(GatewayConfig config) {
        this(config.defaultAccount());
    }

    public SigV4Caller(String defaultAccount) {
        if (defaultAccount == null || !TWELVE_DIGITS.matcher(defaultAccount).matches()) {
            throw new IllegalArgumentException("The default account (BERTH_DEFAULT_ACCOUNT) must be 12 digits, not '"
                    + defaultAccount + "'.");
        }
        this.defaultAccount = defaultAccount;
    }

    /** The caller of a request without a signature: the default account in the default region. */
    public Caller unsigned() {
        return Caller.of(defaultAccount, null);
    }

    /** The caller of a request; unsigned requests act as the default account in the default region. */
    public Caller of(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return unsigned();
        }
        if (!authorization.startsWith("AWS4-HMAC-SHA256")) {
            throw new EcsException("IncompleteSignature", "Only AWS Signature Version 4 (AWS4-HMAC-SHA256) is"
                    + " supported.");
        }
        Matcher credential = CREDENTIAL.matcher(authorization);
        if (!credential.find()) {
            throw new EcsException("IncompleteSignature", "The Authorization header has no valid Credential scope"
                    + " (<access key>/<date>/<region>/<service>/aws4_request).");
        }
        String accessKey = credential.group(1);
        String region = credential.group(3);
        if (!REGION.matcher(region).matches()) {
            throw new EcsException("IncompleteSignature", "The credential scope names an invalid region: " + region);
        }
        return Caller.of(TWELVE_DIGITS.matcher(accessKey).matches() ? accessKey : defaultAccount, region);
    }
}
