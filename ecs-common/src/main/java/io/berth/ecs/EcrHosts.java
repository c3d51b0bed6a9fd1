package io.berth.ecs;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host names of ECR registries, {@code <account>.dkr.ecr.<region>.amazonaws.com}: built and read here, by the
 * registry that serves them and by the agents that pull from them.
 */
public final class EcrHosts {

    private static final Pattern HOST = Pattern.compile(
            "(\\d{12})\\.dkr\\.ecr\\.([a-z]{2}(?:-[a-z]+)+-\\d)\\.amazonaws\\.com");

    private EcrHosts() {
    }

    /** The registry host of an account in a region. */
    public static String of(Caller caller) {
        return caller.account() + ".dkr.ecr." + caller.region() + ".amazonaws.com";
    }

    /** What {@code GetAuthorizationToken} answers as the registry's {@code proxyEndpoint}. */
    public static String proxyEndpoint(Caller caller) {
        return "https://" + of(caller);
    }

    /** The account and region a registry host names (a port after it is ignored); empty for any other host. */
    public static Optional<Caller> parse(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String name = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        Matcher matcher = HOST.matcher(name);
        return matcher.matches() ? Optional.of(Caller.of(matcher.group(1), matcher.group(2))) : Optional.empty();
    }
}
