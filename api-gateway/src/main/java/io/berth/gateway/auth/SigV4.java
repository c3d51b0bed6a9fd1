package io.berth.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 as clients compute it (for services other than S3): the canonical request, the string to
 * sign, the signing key derived from the secret key, date, region and service. The gateway recomputes a request's
 * signature with the secret key it knows for the access key, and compares.
 */
public final class SigV4 {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})"
            + "/([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,\\s*SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-f]+)");

    private SigV4() {
    }

    /** What a client sent: the request line, its headers (names lower-case), its body. */
    public record Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
            byte[] body) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : String.join(",", values);
        }
    }

    /** The {@code Authorization} header taken apart; empty when it is not a complete SigV4 one. */
    public record Authorization(String accessKeyId, String date, String region, String service,
            List<String> signedHeaders, String signature) {

        public static java.util.Optional<Authorization> parse(String header) {
            if (header == null) {
                return java.util.Optional.empty();
            }
            Matcher matcher = AUTHORIZATION.matcher(header.trim());
            if (!matcher.matches()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new Authorization(matcher.group(1), matcher.group(2), matcher.group(3),
                    matcher.group(4), List.of(matcher.group(5).split(";")), matcher.group(6)));
        }

        String scope() {
            return date + "/" + region + "/" + service + "/aws4_request";
        }
    }

    /** The signature the client must have sent if it holds {@code secretAccessKey}. */
    public static String signature(Request request, Authorization authorization, String amzDate,
            String secretAccessKey) {
        String canonical = String.join("\n", request.method(), canonicalPath(request.rawPath()),
                canonicalQuery(request.rawQuery()), canonicalHeaders(request, authorization.signedHeaders()),
                String.join(";", authorization.signedHeaders()), hex(sha256(request.body())));
        String toSign = String.join("\n", ALGORITHM, amzDate, authorization.scope(),
                hex(sha256(canonical.getBytes(StandardCharsets.UTF_8))));
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), authorization.date());
        key = hmac(key, authorization.region());
        key = hmac(key, authorization.service());
        key = hmac(key, "aws4_request");
        return hex(hmac(key, toSign));
    }

    /** Each segment of the path encoded twice, as SigV4 wants it for every service but S3. */
    static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        String[] segments = rawPath.split("/", -1);
        List<String> encoded = new ArrayList<>();
        for (String segment : segments) {
            encoded.add(encode(encode(decode(segment))));
        }
        return String.join("/", encoded);
    }

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = encode(decode(equals < 0 ? pair : pair.substring(0, equals)));
            String value = equals < 0 ? "" : encode(decode(pair.substring(equals + 1)));
            sorted.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        List<String> parts = new ArrayList<>();
        sorted.forEach((name, values) -> values.stream().sorted().forEach(value -> parts.add(name + "=" + value)));
        return String.join("&", parts);
    }

    private static String canonicalHeaders(Request request, List<String> signed) {
        StringBuilder headers = new StringBuilder();
        for (String name : signed) {
            List<String> values = request.headers().getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
            headers.append(name.toLowerCase(Locale.ROOT)).append(':')
                    .append(String.join(",", values.stream().map(v -> v.trim().replaceAll(" +", " ")).toList()))
                    .append('\n');
        }
        return headers.toString();
    }

    /** RFC 3986 unreserved characters stay, everything else is %XX (upper-case hex) of its UTF-8 bytes. */
    static String encode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes == null ? new byte[0] : bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
