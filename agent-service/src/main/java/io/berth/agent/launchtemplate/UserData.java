package io.berth.agent.launchtemplate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an instance's agent learns from its user data: the cluster named by {@code ECS_CLUSTER=<name>},
 * however the script writes it to {@code /etc/ecs/ecs.config} ({@code echo ECS_CLUSTER=prod >> …},
 * a heredoc, quoted), or {@code default} as the ECS agent assumes without one.
 */
public final class UserData {

    public static final String DEFAULT_CLUSTER = "default";
    private static final Pattern CLUSTER = Pattern.compile("ECS_CLUSTER=[\"']?([A-Za-z0-9_-]{1,255})");

    private UserData() {
    }

    /** The cluster a base64 user data script names; {@code default} for none or for text that is not base64. */
    public static String clusterOf(String base64) {
        return decode(base64).flatMap(script -> {
            Matcher matcher = CLUSTER.matcher(script);
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        }).orElse(DEFAULT_CLUSTER);
    }

    /** Whether {@code value} is base64, as EC2 requires of user data. */
    public static boolean isBase64(String value) {
        return decode(value).isPresent();
    }

    private static Optional<String> decode(String base64) {
        if (base64 == null || base64.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Base64.getDecoder().decode(base64.replaceAll("\\s", "")),
                    StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
