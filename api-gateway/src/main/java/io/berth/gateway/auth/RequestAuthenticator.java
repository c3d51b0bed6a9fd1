package io.berth.gateway.auth;

import io.berth.ecs.Caller;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.ecs.credentials.Sealer;
import io.berth.ecs.credentials.SessionCredentials;
import io.berth.ecs.credentials.SessionCredentials.Credentials;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who made a request. The account and region come from the SigV4 credential scope (a 12-digit access key id
 * selects that account), or, for credentials a Berth agent issued to a task ({@code X-Amz-Security-Token}), from the
 * token itself, which also names the task and the role: the request log records them. With
 * {@code BERTH_SIGV4_VERIFY=true} the signature is checked too, against the configured access keys
 * ({@code BERTH_ACCESS_KEYS}) and the secret key every issued token yields, and a request that fails answers as AWS
 * answers it.
 */
@ApplicationScoped
public class RequestAuthenticator {

    static final Duration SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /** A request's principal: its caller, and for task credentials the role and task they were issued to. */
    public record Principal(Caller caller, String accessKeyId, String roleArn, String taskArn) {
    }

    /** A configured access key: its secret and the account it acts in. */
    record AccessKey(String secretAccessKey, String account) {
    }

    private final SigV4Caller callers;
    private final boolean verify;
    private final Map<String, AccessKey> accessKeys;
    private final SessionCredentials sessions;

    public RequestAuthenticator(SigV4Caller callers,
            @ConfigProperty(name = "berth.auth.sigv4-verify") boolean verify,
            @ConfigProperty(name = "berth.auth.access-keys") Optional<List<String>> accessKeys,
            @ConfigProperty(name = "berth.credentials.secret") String secret) {
        this.callers = callers;
        this.verify = verify;
        this.accessKeys = parse(accessKeys.orElse(List.of()));
        this.sessions = new SessionCredentials(new Sealer(secret));
    }

    /** {@code AKID:SECRET[:ACCOUNT]}, as {@code BERTH_ACCESS_KEYS} lists them. */
    static Map<String, AccessKey> parse(List<String> entries) {
        Map<String, AccessKey> keys = new HashMap<>();
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split(":");
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException("BERTH_ACCESS_KEYS: '" + entry + "' is not AKID:SECRET[:ACCOUNT]");
            }
            keys.put(parts[0], new AccessKey(parts[1], parts.length == 3 ? parts[2] : null));
        }
        return keys;
    }

    /**
     * The caller a request acts for when it names {@code account} (the console's pages and the live
     * stream they follow, which a browser can not sign): its own; with signatures not verified, any
     * account of 12 digits, as a 12-digit access key id chooses one on the API.
     */
    public Caller actingFor(Caller own, String account) {
        if (account == null || account.isBlank() || account.equals(own.account())) {
            return own;
        }
        if (!account.matches("[0-9]{12}")) {
            throw new EcsException(EcsErrors.INVALID_PARAMETER, "account must be an AWS account id of 12 digits, not '"
                    + (account.length() > 64 ? account.substring(0, 64) + "…" : account) + "'.");
        }
        if (verify) {
            throw new EcsException("AccessDeniedException", "This Berth verifies signatures (BERTH_SIGV4_VERIFY=true):"
                    + " only the account of the credentials that signed the request can be shown.", 403);
        }
        return Caller.of(account, own.region());
    }

    /** The principal of an unsigned request: the default account, nothing more known. */
    public Principal anonymous() {
        return new Principal(callers.unsigned(), null, null, null);
    }

    public Principal authenticate(SigV4.Request request) {
        String header = request.header("authorization");
        if (header == null || header.isBlank()) {
            if (verify) {
                throw new EcsException("MissingAuthenticationTokenException", "Missing Authentication Token", 403);
            }
            return anonymous();
        }
        Caller scoped = callers.of(header);
        String token = request.header("x-amz-security-token");
        Optional<Credentials> session = token == null ? Optional.empty() : sessions.open(token);
        SigV4.Authorization authorization = SigV4.Authorization.parse(header).orElse(null);
        if (verify) {
            check(request, authorization, token, session);
        }
        if (session.isPresent() && authorization != null
                && session.get().accessKeyId().equals(authorization.accessKeyId())) {
            SessionCredentials.Identity identity = session.get().identity();
            return new Principal(Caller.of(identity.account(), scoped.region()), authorization.accessKeyId(),
                    identity.roleArn(), identity.taskArn());
        }
        String accessKeyId = authorization == null ? null : authorization.accessKeyId();
        AccessKey configured = accessKeyId == null ? null : accessKeys.get(accessKeyId);
        Caller caller = configured != null && configured.account() != null
                ? Caller.of(configured.account(), scoped.region()) : scoped;
        return new Principal(caller, accessKeyId, null, null);
    }

    private void check(SigV4.Request request, SigV4.Authorization authorization, String token,
            Optional<Credentials> session) {
        if (authorization == null) {
            throw new EcsException("IncompleteSignature", "Authorization header requires 'Credential',"
                    + " 'Signature' and 'SignedHeaders' parameters.");
        }
        String secret;
        if (token != null) {
            if (session.isEmpty() || !session.get().accessKeyId().equals(authorization.accessKeyId())) {
                throw invalidToken();
            }
            if (session.get().identity().expiration().isBefore(Instant.now())) {
                throw new EcsException("ExpiredTokenException", "The security token included in the request is"
                        + " expired", 403);
            }
            secret = session.get().secretAccessKey();
        } else {
            AccessKey key = accessKeys.get(authorization.accessKeyId());
            if (key == null) {
                throw invalidToken();
            }
            secret = key.secretAccessKey();
        }
        String amzDate = request.header("x-amz-date");
        Instant signedAt = signedAt(amzDate);
        Instant now = Instant.now();
        if (signedAt.isBefore(now.minus(SKEW))) {
            throw new EcsException("InvalidSignatureException", "Signature expired: " + amzDate + " is now earlier"
                    + " than " + format(now.minus(SKEW)) + " (" + format(now) + " - 15 min.)", 403);
        }
        if (signedAt.isAfter(now.plus(SKEW))) {
            throw new EcsException("InvalidSignatureException", "Signature not yet current: " + amzDate
                    + " is still later than " + format(now.plus(SKEW)) + " (" + format(now) + " + 15 min.)", 403);
        }
        String expected = SigV4.signature(request, authorization, amzDate, secret);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                authorization.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw new EcsException("InvalidSignatureException", "The request signature we calculated does not match"
                    + " the signature you provided. Check your AWS Secret Access Key and signing method. Consult the"
                    + " service documentation for details.", 403);
        }
    }

    private static Instant signedAt(String amzDate) {
        if (amzDate == null) {
            throw new EcsException("IncompleteSignature", "Authorization header requires existence of"
                    + " either a 'X-Amz-Date' or a 'Date' header.");
        }
        try {
            return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new EcsException("IncompleteSignature", "Date must be in ISO-8601 'basic format'. Got '"
                    + amzDate + "'.");
        }
    }

    private static String format(Instant instant) {
        return AMZ_DATE.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static EcsException invalidToken() {
        return new EcsException("UnrecognizedClientException", "The security token included in the request is"
                + " invalid.");
    }
}
