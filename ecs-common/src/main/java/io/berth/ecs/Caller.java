package io.berth.ecs;

import java.util.regex.Pattern;

/**
 * The account and region a request acts in. The gateway takes them from the request's SigV4
 * credential scope and hands them to the owners in the {@link #ACCOUNT_HEADER} and
 * {@link #REGION_HEADER} headers; every ARN and every read is scoped by them.
 */
public record Caller(String account, String region) {

    public static final String ACCOUNT_HEADER = "X-Berth-Account";
    public static final String REGION_HEADER = "X-Berth-Region";
    public static final String DEFAULT_ACCOUNT = "000000000000";
    public static final String DEFAULT_REGION = "us-east-1";

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    public Caller {
        if (account == null || !ACCOUNT.matcher(account).matches()) {
            throw EcsErrors.invalidParameter("Invalid account id: " + account);
        }
        if (region == null || !REGION.matcher(region).matches()) {
            throw EcsErrors.invalidParameter("Invalid region: " + region);
        }
    }

    /** The caller the owners see when a header is absent: the defaults of a fresh installation. */
    public static Caller of(String account, String region) {
        return new Caller(account == null || account.isBlank() ? DEFAULT_ACCOUNT : account,
                region == null || region.isBlank() ? DEFAULT_REGION : region);
    }

    public String arnPrefix() {
        return "arn:aws:ecs:" + region + ":" + account + ":";
    }
}
